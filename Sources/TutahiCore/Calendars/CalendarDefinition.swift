import TutahiPluginAPI

/// A calendar as the configuration declares it (`calendars:`), or a built-in one: which days are
/// not working days, and why.
public struct CalendarDefinition: Sendable {
    /// Which public holidays a calendar keeps.
    public enum Holidays: String, Sendable, ChoiceDecodable {
        /// New Zealand's national public holidays.
        case nz
        /// None.
        case none
    }

    /// A yearly range of closed days, such as 25 December to 15 January (it may run over the year end).
    public struct ClosedRange: Sendable, Hashable {
        /// The first closed day, as (month, day).
        public var from: MonthDay
        /// The last closed day, as (month, day), inclusive.
        public var to: MonthDay
        /// What the days are called in `tutahi calendar`.
        public var name: String

        /// Creates a range; without a name it is `closed (24 December – 6 January)`.
        public init(from: MonthDay, to: MonthDay, name: String? = nil) {
            self.from = from
            self.to = to
            self.name = name ?? "closed (\(from) – \(to))"
        }

        /// True when `date` falls in the range.
        public func contains(_ date: CivilDate) -> Bool {
            let day = MonthDay(month: date.month, day: date.day)
            return from <= to ? (from <= day && day <= to) : (day >= from || day <= to)
        }
    }

    /// The name users write in `calendar:`.
    public var name: String
    /// The public holidays kept.
    public var holidays: Holidays
    /// A region code (`NTL`) whose anniversary day is kept too.
    public var region: String?
    /// The days of the week that are not working days.
    public var weekend: Set<Weekday>
    /// Yearly closed ranges.
    public var closed: [ClosedRange]
    /// Further non-working dates (from the `extra` file).
    public var extra: [NamedDay]

    /// Creates a definition.
    public init(
        name: String, holidays: Holidays = .nz, region: String? = nil, weekend: Set<Weekday> = [.saturday, .sunday],
        closed: [ClosedRange] = [], extra: [NamedDay] = []
    ) {
        self.name = name
        self.holidays = holidays
        self.region = region
        self.weekend = weekend
        self.closed = closed
        self.extra = extra
    }

    /// The built-in `nz`: weekends and New Zealand's national public holidays.
    public static let nz = CalendarDefinition(name: "nz")
    /// The built-in `nz-oia`: `nz` and 25 December to 15 January, the Official Information Act's
    /// definition of a working day.
    public static let nzOIA = CalendarDefinition(
        name: "nz-oia",
        closed: [ClosedRange(
            from: MonthDay(month: 12, day: 25), to: MonthDay(month: 1, day: 15),
            name: "Official Information Act break (25 December – 15 January)")])
    /// The built-in calendars by name.
    public static let builtins: [String: CalendarDefinition] = ["nz": .nz, "nz-oia": .nzOIA]

    /// The years whose days are known: those the holiday rules are written for when the calendar
    /// keeps public holidays or an anniversary day, else 1900 to 2199.
    public var years: Swift.ClosedRange<Int> {
        holidays == .nz || region != nil ? NewZealandHolidays.years : 1900...2199
    }

    /// Every non-working date of `year` other than weekend days, with its names (a date may have
    /// several: `Christmas Day (observed); closed (24 December – 6 January)`).
    public func nonWorkingDays(in year: Int) -> [NamedDay] {
        var named: [CivilDate: [String]] = [:]
        for day in namedDays(in: year) where !weekend.contains(day.date.weekday) {
            named[day.date, default: []].append(day.name)
        }
        return named.map { date, names in
            var unique: [String] = []
            for name in names where !unique.contains(name) { unique.append(name) }
            return NamedDay(date, unique.joined(separator: "; "))
        }.sorted()
    }

    /// The day table for deadline arithmetic.
    public func workingCalendar() -> WorkingCalendar {
        var closedDays = Set<Int>()
        for year in years {
            for day in namedDays(in: year) { closedDays.insert(day.date.daysSinceEpoch) }
        }
        return WorkingCalendar(name: name, years: years) { date in
            !weekend.contains(date.weekday) && !closedDays.contains(date.daysSinceEpoch)
        }
    }

    /// Holidays, the anniversary day, closed ranges and extra dates of `year`, weekends included.
    private func namedDays(in year: Int) -> [NamedDay] {
        var days: [NamedDay] = []
        if holidays == .nz { days += NewZealandHolidays.days(in: year) }
        if let region, let anniversary = AnniversaryDays.day(of: region, in: year) { days.append(anniversary) }
        if !closed.isEmpty, let first = CivilDate(year: year, month: 1, day: 1) {
            let count = CivilDate.daysIn(month: 2, year: year) == 29 ? 366 : 365
            for offset in 0..<count {
                let date = first.adding(days: offset)
                for range in closed where range.contains(date) { days.append(NamedDay(date, range.name)) }
            }
        }
        days += extra.filter { $0.date.year == year }
        return days
    }
}

/// A day of the year, written `MM-DD` in the configuration.
public struct MonthDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The month, 1–12.
    public var month: Int
    /// The day, 1–31.
    public var day: Int

    /// Creates a day of the year.
    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// Parses `MM-DD` (29 February allowed); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let month = Int(parts[0]), let day = Int(parts[1]), CivilDate(year: 2000, month: month, day: day) != nil
        else { return nil }
        self.init(month: month, day: day)
    }

    /// Month, then day.
    public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool { (lhs.month, lhs.day) < (rhs.month, rhs.day) }

    /// `25 December`.
    public var description: String {
        let date = CivilDate(year: 2000, month: month, day: day)?.longDescription ?? "\(month)-\(day)"
        return String(date.dropLast(5))
    }
}
