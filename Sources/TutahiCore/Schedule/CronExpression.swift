import TutahiPluginAPI

/// A five-field cron expression: minute, hour, day of month, month, day of week.
///
/// Fields take `*`, numbers, ranges (`1-5`), lists (`1,15`), steps (`*/15`, `8-18/2`) and names
/// (`jan`–`dec`, `sun`–`sat`); day of week 0 and 7 are both Sunday. When both day fields are
/// restricted (neither is `*`), a day matching either is enough.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// Why an expression does not parse, and where in it.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// What was expected.
        public var message: String
        /// The character offset in the expression where the problem starts.
        public var offset: Int
        /// The message.
        public var description: String { message }
    }

    /// The expression as written.
    public let source: String
    let minutes: CronField
    let hours: CronField
    let daysOfMonth: CronField
    let months: CronField
    let daysOfWeek: CronField

    /// The expression as written.
    public var description: String { source }

    /// Parses `text`, throwing where it goes wrong.
    public init(parsing text: String) throws(ParseError) {
        source = text
        var fields: [(text: Substring, offset: Int)] = []
        var index = text.startIndex
        var offset = 0
        while index < text.endIndex {
            if text[index] == " " || text[index] == "\t" {
                index = text.index(after: index)
                offset += 1
                continue
            }
            let start = index, startOffset = offset
            while index < text.endIndex, text[index] != " ", text[index] != "\t" {
                index = text.index(after: index)
                offset += 1
            }
            fields.append((text[start..<index], startOffset))
        }
        guard fields.count == 5 else {
            throw ParseError(
                message: "expected five cron fields (minute hour day-of-month month day-of-week), found \(fields.count)",
                offset: fields.count > 5 ? fields[5].offset : 0)
        }
        minutes = try CronField(fields[0].text, kind: .minute, offset: fields[0].offset)
        hours = try CronField(fields[1].text, kind: .hour, offset: fields[1].offset)
        daysOfMonth = try CronField(fields[2].text, kind: .dayOfMonth, offset: fields[2].offset)
        months = try CronField(fields[3].text, kind: .month, offset: fields[3].offset)
        daysOfWeek = try CronField(fields[4].text, kind: .dayOfWeek, offset: fields[4].offset)
        guard canFire else {
            throw ParseError(message: "`\(text)` names no day that exists, so it never runs", offset: fields[2].offset)
        }
    }

    /// True when some month in the expression has a matching day.
    private var canFire: Bool {
        if daysOfWeek.isRestricted || !daysOfMonth.isRestricted { return true }
        return (1...12).contains { month in
            months.contains(month) && (1...CivilDate.daysIn(month: month, year: 2000)).contains(where: daysOfMonth.contains)
        }
    }

    /// True when the expression names `date`.
    public func matches(_ date: CivilDate) -> Bool {
        guard months.contains(date.month) else { return false }
        let weekday = (date.daysSinceEpoch + 4).floorModulo(7)  // 1970-01-01 was a Thursday
        let dayOfMonth = daysOfMonth.contains(date.day), dayOfWeek = daysOfWeek.contains(weekday)
        if daysOfMonth.isRestricted && daysOfWeek.isRestricted { return dayOfMonth || dayOfWeek }
        return dayOfMonth && dayOfWeek
    }

    /// The first instant after `instant` that the expression names, in `zone`'s local time.
    ///
    /// A local time skipped by a DST change runs at the first instant after the gap; a local time
    /// that happens twice runs once, at its first occurrence. Nil only when no time within ten
    /// years matches (which ``init(parsing:)`` already refuses).
    public func nextFire(after instant: Instant, in zone: Zone) -> Instant? {
        let startDay = zone.date(of: instant).daysSinceEpoch
        for day in startDay..<(startDay + 3_660) {
            let date = CivilDate(daysSinceEpoch: day)
            guard matches(date) else { continue }
            for hour in hours.values {
                for minute in minutes.values {
                    let wall = Int64(day) * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60
                    let fire = zone.firstInstant(atOrAfterWallSeconds: wall)
                    if fire > instant { return fire }
                }
            }
        }
        return nil
    }
}

extension Int {
    fileprivate func floorModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
