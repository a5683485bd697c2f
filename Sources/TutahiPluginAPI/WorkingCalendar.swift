/// Which days are working days: a day table built once per calendar, so that counting N working
/// days from a date is two array look-ups.
///
/// The core builds calendars from the configuration (`calendars:`, the built-ins `nz` and `nz-oia`);
/// a plugin receives the indicator's calendar in its ``MeasurementContext`` and counts deadlines
/// through ``TimeAllowance``.
public struct WorkingCalendar: Sendable {
    /// The calendar's name, as the configuration writes it (`nz`, `nz-oia`, `northland`).
    public let name: String
    /// The years whose working days are known; counting outside them throws.
    public let years: ClosedRange<Int>
    /// The day number (days since 1970-01-01) of 1 January of the first year.
    private let firstDay: Int
    /// `workingBefore[i]`: how many working days there are among the first `i` days of the table.
    private let workingBefore: [Int32]
    /// The table offsets of the working days, ascending.
    private let workingDays: [Int32]

    /// A calendar over `years` in which `isWorking` says, for each date, whether it is a working day.
    public init(name: String, years: ClosedRange<Int>, isWorking: (CivilDate) -> Bool) {
        self.name = name
        self.years = years
        firstDay = CivilDate(year: years.lowerBound, month: 1, day: 1)?.daysSinceEpoch ?? 0
        let lastDay = CivilDate(year: years.upperBound, month: 12, day: 31)?.daysSinceEpoch ?? firstDay
        var workingBefore: [Int32] = [0]
        var workingDays: [Int32] = []
        workingBefore.reserveCapacity(lastDay - firstDay + 2)
        for offset in 0...(lastDay - firstDay) {
            if isWorking(CivilDate(daysSinceEpoch: firstDay + offset)) { workingDays.append(Int32(offset)) }
            workingBefore.append(Int32(workingDays.count))
        }
        self.workingBefore = workingBefore
        self.workingDays = workingDays
    }

    /// Monday to Friday are working days, every year from 1900 to 2199: for plugins measured
    /// outside a configuration (tests, examples). A configured indicator gets its own calendar.
    public static let weekdays = WorkingCalendar(name: "weekdays", years: 1900...2199) { !$0.weekday.isWeekend }

    /// Whether `date` is a working day; nil outside ``years``.
    public func isWorkingDay(_ date: CivilDate) -> Bool? {
        let offset = date.daysSinceEpoch - firstDay
        guard offset >= 0, offset + 1 < workingBefore.count else { return nil }
        return workingBefore[offset + 1] > workingBefore[offset]
    }

    /// The `count`th working day after `date` (`date` itself never counts; a count of 0 gives
    /// `date`).
    ///
    /// - Throws: ``WorkingCalendarRangeError`` when `date` or the day counted to lies outside ``years``.
    public func date(countingWorkingDays count: Int, after date: CivilDate) throws(WorkingCalendarRangeError)
        -> CivilDate
    {
        CivilDate(daysSinceEpoch: try day(countingWorkingDays: count, afterDay: date.daysSinceEpoch))
    }

    /// ``date(countingWorkingDays:after:)`` on day numbers (days since 1970-01-01), for counting
    /// many deadlines without converting dates.
    public func day(countingWorkingDays count: Int, afterDay day: Int) throws(WorkingCalendarRangeError) -> Int {
        let offset = day - firstDay
        guard offset >= 0, offset + 1 < workingBefore.count else {
            throw WorkingCalendarRangeError(calendar: name, years: years, year: CivilDate(daysSinceEpoch: day).year)
        }
        guard count > 0 else { return day }
        // Working days up to and including `day`; the next one is workingDays[that].
        let target = Int(workingBefore[offset + 1]) + count - 1
        guard target < workingDays.count else {
            throw WorkingCalendarRangeError(calendar: name, years: years, year: years.upperBound + 1)
        }
        return firstDay + Int(workingDays[target])
    }
}

/// A working-day count that reaches outside the years a calendar knows.
public struct WorkingCalendarRangeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The calendar's name.
    public var calendar: String
    /// The years it knows.
    public var years: ClosedRange<Int>
    /// The year that was asked about.
    public var year: Int

    /// Creates the error.
    public init(calendar: String, years: ClosedRange<Int>, year: Int) {
        self.calendar = calendar
        self.years = years
        self.year = year
    }

    /// One line for people.
    public var description: String {
        "calendar `\(calendar)` knows its working days from \(years.lowerBound) to \(years.upperBound) only; "
            + "a count reaches \(year)"
    }
}
