import TutahiPluginAPI

/// A non-working date and why: `Waitangi Day (observed)`, `closed (24 December – 6 January)`.
public struct NamedDay: Sendable, Hashable, Comparable {
    /// The date.
    public var date: CivilDate
    /// What the day is, in words.
    public var name: String

    /// Creates a named day.
    public init(_ date: CivilDate, _ name: String) {
        self.date = date
        self.name = name
    }

    /// By date, then name.
    public static func < (lhs: NamedDay, rhs: NamedDay) -> Bool { (lhs.date, lhs.name) < (rhs.date, rhs.name) }
}

extension CivilDate {
    /// The date in `year`, `month`, `day`, which the holiday rules only ask for when it exists.
    static func known(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)
    }

    /// The `ordinal`th (1-based) `weekday` of `month` in `year`.
    static func nth(_ ordinal: Int, _ weekday: Weekday, of month: Int, in year: Int) -> CivilDate {
        let first = known(year, month, 1)
        let shift = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        return first.adding(days: shift + 7 * (ordinal - 1))
    }

    /// The Monday nearest this date (Tuesday to Thursday go back, Friday to Sunday forward), as
    /// the provincial anniversary days are kept.
    var nearestMonday: CivilDate {
        let shift = [0, -1, -2, -3, 3, 2, 1][weekday.rawValue]
        return adding(days: shift)
    }
}
