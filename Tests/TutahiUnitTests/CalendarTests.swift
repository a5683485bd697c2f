import Foundation
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Working-day calendars")
struct CalendarTests {
    static func date(_ text: String) -> CivilDate {
        guard case .date(let date)? = Timestamp.parse(text) else { return CivilDate(daysSinceEpoch: 0) }
        return date
    }

    /// The deadline `allowance` gives an event at `opened` on `calendar`, as RFC 3339 in Auckland.
    static func deadline(_ allowance: String, after opened: String, on calendar: CalendarDefinition = .nz) throws
        -> String
    {
        let allowance = try #require(TimeAllowance(allowance))
        return zone.format(try allowance.deadline(after: instant(opened), in: zone, calendar: calendar.workingCalendar()))
    }

    @Test("the OIA example: received Friday 18 December 2026, 20 working days end with Tuesday 9 February 2027")
    func officialInformationAct() throws {
        #expect(try Self.deadline("20wd", after: "2026-12-18T10:00:00+13:00", on: .nzOIA) == "2027-02-10T00:00:00+13:00")
        // Without the OIA's break the same request is due at the end of Thursday 21 January: only
        // Christmas (Friday 25), Boxing Day (Saturday 26, kept Monday 28), New Year's Day (Friday 1)
        // and the day after (Saturday 2, kept Monday 4) are taken out.
        #expect(try Self.deadline("20wd", after: "2026-12-18T10:00:00+13:00") == "2027-01-22T00:00:00+13:00")
        // Received on 24 December: days 1–20 all fall after 15 January.
        #expect(try Self.deadline("1wd", after: "2026-12-24T09:00:00+13:00", on: .nzOIA) == "2027-01-19T00:00:00+13:00")
    }

    @Test("Easter, Matariki, a Mondayised Anzac Day (Saturday 2026) and Waitangi Day (Saturday 2027)")
    func holidaysInTheWay() throws {
        // Thursday 2 April 2026; Good Friday 3, Easter Monday 6 April: day 1 is Tuesday 7 April.
        #expect(try Self.deadline("1wd", after: "2026-04-02T15:00:00+13:00") == "2026-04-08T00:00:00+12:00")
        // Thursday 9 July 2026; Matariki is Friday 10 July: day 1 is Monday 13 July.
        #expect(try Self.deadline("1wd", after: "2026-07-09T09:00:00+12:00") == "2026-07-14T00:00:00+12:00")
        // Friday 24 April 2026; Anzac Day is Saturday 25, kept Monday 27: day 1 is Tuesday 28 April.
        #expect(try Self.deadline("1wd", after: "2026-04-24T09:00:00+12:00") == "2026-04-29T00:00:00+12:00")
        // Friday 5 February 2027; Waitangi Day is Saturday 6, kept Monday 8: day 1 is Tuesday 9 February.
        #expect(try Self.deadline("1wd", after: "2027-02-05T09:00:00+13:00") == "2027-02-10T00:00:00+13:00")
        // Before 2014 a weekend Waitangi Day was not kept on the Monday: Friday 5 February 2010.
        #expect(try Self.deadline("1wd", after: "2010-02-05T09:00:00+13:00") == "2010-02-09T00:00:00+13:00")
    }

    @Test("the day of receipt never counts: openings on a holiday, on a weekend, at 23:59; 0wd is the end of that day")
    func dayOfReceipt() throws {
        // Monday 27 April 2026 is Anzac Day kept: 0wd ends that day, 1wd the next.
        #expect(try Self.deadline("0wd", after: "2026-04-27T10:00:00+12:00") == "2026-04-28T00:00:00+12:00")
        #expect(try Self.deadline("1wd", after: "2026-04-27T10:00:00+12:00") == "2026-04-29T00:00:00+12:00")
        // Saturday 18 July 2026: day 1 is Monday 20 July.
        #expect(try Self.deadline("1wd", after: "2026-07-18T10:00:00+12:00") == "2026-07-21T00:00:00+12:00")
        // Friday 17 July 2026 at 23:59 and at 00:00 have the same deadline: the end of Monday 20 July.
        #expect(try Self.deadline("1wd", after: "2026-07-17T23:59:00+12:00") == "2026-07-21T00:00:00+12:00")
        #expect(try Self.deadline("1wd", after: "2026-07-17T00:00:00+12:00") == "2026-07-21T00:00:00+12:00")
        // The date is the local one: 11:30 UTC on Friday 17 July is Saturday 18 July in Auckland.
        #expect(try Self.deadline("1wd", after: "2026-07-17T12:30:00Z") == "2026-07-21T00:00:00+12:00")
        // Across the start of daylight saving (Sunday 27 September 2026): Friday 25 + 1wd.
        #expect(try Self.deadline("1wd", after: "2026-09-25T09:00:00+12:00") == "2026-09-29T00:00:00+13:00")
    }

    @Test("a region's anniversary day, weekends of other days, closed ranges over the year end and extra dates")
    func declaredCalendars() throws {
        let office = CalendarDefinition(
            name: "office", holidays: .none, region: "NTL", weekend: [.friday, .saturday],
            closed: [.init(from: MonthDay(month: 12, day: 24), to: MonthDay(month: 1, day: 5))],
            extra: [NamedDay(Self.date("2026-03-03"), "Staff day")])
        let days = office.nonWorkingDays(in: 2026)
        #expect(days.map { $0.date.iso } == [
            "2026-01-01", "2026-01-04", "2026-01-05", "2026-01-26", "2026-03-03",
            "2026-12-24", "2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
        ])
        #expect(days.first { $0.date.iso == "2026-01-26" }?.name == "Auckland Anniversary Day")
        #expect(days.first { $0.date.iso == "2026-03-03" }?.name == "Staff day")
        // Sunday is a working day there; Friday is not. Thursday 22 January 2026: day 1 is Sunday 25,
        // day 2 Tuesday 27 (Monday 26 is Auckland Anniversary Day).
        #expect(try Self.deadline("2wd", after: "2026-01-22T09:00:00+13:00", on: office) == "2026-01-28T00:00:00+13:00")
        // `holidays: none` keeps no national holiday: Easter Monday 2026 is worked there, not in `nz`.
        #expect(office.workingCalendar().isWorkingDay(Self.date("2026-04-06")) == true)
        #expect(CalendarDefinition.nz.workingCalendar().isWorkingDay(Self.date("2026-04-06")) == false)
    }

    @Test("a count outside the years a calendar knows is refused, not guessed")
    func outOfRange() throws {
        let calendar = CalendarDefinition.nz.workingCalendar()
        #expect(calendar.years == 2000...2052)
        #expect(throws: WorkingCalendarRangeError.self) {
            try calendar.date(countingWorkingDays: 10, after: Self.date("2052-12-29"))
        }
        #expect(throws: WorkingCalendarRangeError.self) {
            try calendar.date(countingWorkingDays: 1, after: Self.date("1999-12-30"))
        }
        #expect(CalendarListing(calendar: .nz, year: 2053).render() == nil)
        #expect(CalendarListing(calendar: .nz, year: 2053).outOfRangeMessage.contains("2000 to 2052"))
    }

    @Test("the listing of nz-oia for 2027 names every weekday it takes out")
    func listing() throws {
        let text = try #require(CalendarListing(calendar: .nzOIA, year: 2027).render())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Mon 8 February 2027") && $0.hasSuffix("Waitangi Day (observed)") })
        #expect(lines.contains { $0.hasPrefix("Mon 26 April 2027") && $0.hasSuffix("Anzac Day (observed)") })
        #expect(lines.contains { $0.hasPrefix("Fri 25 June 2027") && $0.hasSuffix("Matariki") })
        #expect(lines.contains {
            $0.hasPrefix("Mon 27 December 2027")
                && $0.hasSuffix("Christmas Day (observed); Official Information Act break (25 December – 15 January)")
        })
        // No weekend day is listed: Saturday 6 February 2027 (Waitangi Day) is not.
        #expect(!lines.contains { $0.hasPrefix("Sat") || $0.hasPrefix("Sun") })
        // 1–15 January (11 weekdays), 8 February, Good Friday, Easter Monday, Anzac Day, King's
        // Birthday, Matariki, Labour Day (7), 27–31 December (5 weekdays); 261 weekdays less those 23.
        #expect(lines.count == 1 + 11 + 7 + 5 + 1)
        #expect(lines.last == "238 working days in 2027.")
    }
}
