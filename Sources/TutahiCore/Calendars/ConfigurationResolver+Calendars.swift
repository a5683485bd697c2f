import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

extension ConfigurationResolver {
    /// The declared calendars with the built-ins, by name.
    mutating func resolveCalendars(_ raw: OrderedMapping<Collected<RawCalendar>>?) -> [String: CalendarDefinition] {
        var calendars = CalendarDefinition.builtins
        for entry in raw?.entries ?? [] {
            if CalendarDefinition.builtins[entry.key] != nil {
                problems.append(SourceError(
                    "`\(entry.key)` is a built-in calendar; give the declared one another name", at: entry.keyMark))
                continue
            }
            guard let calendar = entry.value.value else { continue }
            var definition = CalendarDefinition(name: entry.key, holidays: calendar.holidays ?? .nz)
            if let region = calendar.region {
                if AnniversaryDays.regions.contains(region.value) {
                    definition.region = region.value
                } else {
                    problems.append(Self.unknown("region", region, among: AnniversaryDays.regions))
                }
            }
            if let weekend = calendar.weekend {
                definition.weekend = []
                for day in weekend {
                    guard let weekday = Weekday(name: day.value) else {
                        problems.append(day.error("expected a day such as `sat` or `sun`, found `\(day.value)`"))
                        continue
                    }
                    definition.weekend.insert(weekday)
                }
            }
            for range in calendar.closed ?? [] {
                let from = monthDay(range.from), to = monthDay(range.to)
                if let from, let to { definition.closed.append(.init(from: from, to: to)) }
            }
            if let extra = calendar.extra { definition.extra = extraDays(extra) }
            calendars[entry.key] = definition
        }
        return calendars
    }

    /// The name of the calendar an indicator counts working days on, checked: its own `calendar`,
    /// else `defaults.calendar`, else `nz`.
    mutating func calendarName(_ name: Located<String>?, among calendars: [String: CalendarDefinition]) -> String? {
        guard let name else { return nil }
        guard calendars[name.value] != nil else {
            problems.append(Self.unknown("calendar", name, among: calendars.keys))
            return nil
        }
        return name.value
    }

    private mutating func monthDay(_ text: Located<String>) -> MonthDay? {
        guard let day = MonthDay(text.value) else {
            problems.append(text.error("expected a day of the year as \"MM-DD\", such as \"12-24\", found `\(text.value)`"))
            return nil
        }
        return day
    }

    /// The dates of an `extra` file: a CSV with a header `date,name` (`name` optional) and bare dates.
    private mutating func extraDays(_ path: Located<String>) -> [NamedDay] {
        let resolved = ConfigPath.resolve(path.value, against: directory)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(resolved)
        } catch {
            problems.append(path.error("cannot read the calendar's extra dates `\(path.value)`: \(error)"))
            return []
        }
        let records = CSVReader().records(in: bytes)
        func fail(_ line: Int, _ message: String) {
            problems.append(SourceError(message, at: SourceMark(file: path.value, line: line, column: 1)))
        }
        guard let header = records.first else {
            fail(1, "the file is empty; expected a header `date,name`")
            return []
        }
        let names = (0..<header.count).map { header.field($0) ?? "" }
        guard let dateColumn = names.firstIndex(of: "date") else {
            fail(header.line, "expected a header with a `date` column (and an optional `name`)")
            return []
        }
        let nameColumn = names.firstIndex(of: "name")
        var days: [NamedDay] = []
        for record in records.dropFirst() {
            guard record.problem == nil, record.count == header.count, record.isValidUTF8 else {
                fail(record.line, "expected \(header.count) fields as in the header")
                continue
            }
            let text = record.field(dateColumn) ?? ""
            guard case .date(let date)? = Timestamp.parse(text) else {
                fail(record.line, "expected a bare date such as 2026-12-24, found `\(text)`")
                continue
            }
            let name = nameColumn.map { record.field($0) ?? "" } ?? ""
            days.append(NamedDay(date, name.isEmpty ? "closed (\(path.value))" : name))
        }
        return days
    }
}
