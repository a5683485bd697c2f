import TutahiPluginAPI

/// What `tutahi calendar` prints: a calendar's non-working days of one year other than weekends,
/// each with its names, so that a person can check a deadline by eye.
public struct CalendarListing: Sendable {
    /// The calendar.
    public var calendar: CalendarDefinition
    /// The year.
    public var year: Int

    /// Creates a listing.
    public init(calendar: CalendarDefinition, year: Int) {
        self.calendar = calendar
        self.year = year
    }

    /// The listing as text, one date a line; nil when the calendar does not know `year`.
    public func render() -> String? {
        guard calendar.years.contains(year) else { return nil }
        let weekend = calendar.weekend.sorted().map(\.name).joined(separator: " and ")
        var text = "\(calendar.name), \(year): the days that are not working days, besides \(weekend.isEmpty ? "none" : weekend)\n"
        let days = calendar.nonWorkingDays(in: year)
        let dates = days.map { "\(String($0.date.weekday.name.prefix(3))) \($0.date.longDescription)" }
        let width = dates.map(\.count).max() ?? 0
        for (date, day) in zip(dates, days) {
            text += date.padding(toLength: width) + "  " + day.name + "\n"
        }
        if days.isEmpty { text += "(none)\n" }
        let working = (1...12).reduce(0) { sum, month in
            sum + (1...CivilDate.daysIn(month: month, year: year)).filter { day in
                CivilDate(year: year, month: month, day: day).map { date in
                    !calendar.weekend.contains(date.weekday) && !days.contains { $0.date == date }
                } ?? false
            }.count
        }
        text += "\(working) working days in \(year).\n"
        return text
    }

    /// Why a year cannot be listed, for the error line.
    public var outOfRangeMessage: String {
        let years = calendar.years
        var message = "calendar `\(calendar.name)` knows its days from \(years.lowerBound) to \(years.upperBound) only"
        if years.upperBound == MatarikiSchedule.years.upperBound {
            message += " (Matariki's dates are fixed by law only to \(MatarikiSchedule.years.upperBound))"
        }
        return message
    }
}

extension String {
    /// The string padded with spaces to `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
