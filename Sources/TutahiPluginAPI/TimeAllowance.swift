import TutahiYAML
/// How long one side has, added to an event's time to give a deadline: a ``Period`` (`10d`,
/// `72h`) or a number of working days (`20wd`) counted on a ``WorkingCalendar``.
///
/// Working days are allowed only here (`follow_through`'s `within` and `grace`, `advance_notice`'s
/// `min_notice`); a ``Period`` elsewhere refuses them at their position.
public enum TimeAllowance: Sendable, Hashable, CustomStringConvertible, Decodable {
    /// Calendar days or elapsed time.
    case period(Period)
    /// N working days: the deadline is the end of the Nth working day after the event's local date.
    case workingDays(Int)

    /// The most working days accepted: about ten years' worth.
    public static let maximumWorkingDays = 2_500

    /// Parses `20wd` (up to ``maximumWorkingDays``), or any form ``Period`` reads; nil for anything else.
    public init?(_ text: String) {
        if text.hasSuffix("wd") {
            let digits = text.dropLast(2)
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let count = Int(digits), count <= Self.maximumWorkingDays
            else { return nil }
            self = .workingDays(count)
        } else if let period = Period(text) {
            self = .period(period)
        } else {
            return nil
        }
    }

    /// Decodes a duration or working-day count, with a message naming the accepted forms.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let allowance = TimeAllowance(text) else {
            let mark = YAMLDecoding.mark(of: decoder) ?? SourceMark(file: "<unknown>", line: 0, column: 0)
            throw SourceError(
                "expected a duration such as `10d`, `20wd` (working days), `4w`, `72h`, `15m` or `20s`, found `\(text)`",
                at: mark)
        }
        self = allowance
    }

    /// The written form, such as `20wd`.
    public var description: String {
        switch self {
        case .period(let period): return period.description
        case .workingDays(let count): return "\(count)wd"
        }
    }

    /// The deadline this allowance gives an event at `instant`.
    ///
    /// With working days: the end (00:00 local on the next date) of the Nth working day after
    /// `instant`'s local date, which itself never counts.
    public func deadline(after instant: Instant, in zone: Zone, calendar: WorkingCalendar)
        throws(WorkingCalendarRangeError) -> Instant
    {
        switch self {
        case .period(let period): return period.added(to: instant, in: zone)
        case .workingDays(let count):
            let day = Int(zone.wallSeconds(of: instant).floorDivided(by: 86_400))
            return try endOfWorkingDay(count, afterDay: day, in: zone, calendar: calendar)
        }
    }

    /// The deadline this allowance gives a `due` written as the bare date `date`.
    ///
    /// Working days count from the date the `due` names; a ``Period`` is added to the end of that
    /// date, where the `due` itself falls.
    public func deadline(afterDueDate date: CivilDate, in zone: Zone, calendar: WorkingCalendar)
        throws(WorkingCalendarRangeError) -> Instant
    {
        switch self {
        case .period(let period): return period.added(to: zone.startOfDay(date.adding(days: 1)), in: zone)
        case .workingDays(let count):
            return try endOfWorkingDay(count, afterDay: date.daysSinceEpoch, in: zone, calendar: calendar)
        }
    }

    /// The end of the `count`th working day after day number `day`: 00:00 local on the day after it.
    private func endOfWorkingDay(_ count: Int, afterDay day: Int, in zone: Zone, calendar: WorkingCalendar)
        throws(WorkingCalendarRangeError) -> Instant
    {
        let last = try calendar.day(countingWorkingDays: count, afterDay: day)
        return zone.instant(wallSeconds: Int64(last + 1) * 86_400)
    }
}
