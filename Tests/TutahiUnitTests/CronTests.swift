import Foundation
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Cron schedules")
struct CronTests {
    private func cron(_ text: String) throws -> CronExpression { try CronExpression(parsing: text) }

    private func fires(_ text: String, after start: String, count: Int = 3) throws -> [String] {
        let expression = try cron(text)
        var after = instant(start)
        var found: [String] = []
        for _ in 0..<count {
            guard let next = expression.nextFire(after: after, in: zone) else { break }
            found.append(zone.format(next))
            after = next
        }
        return found
    }

    @Test("lists, ranges, steps and names")
    func fields() throws {
        #expect(try fires("0 7 * * 1", after: "2026-11-22T12:00:00+13:00") == [
            "2026-11-23T07:00:00+13:00", "2026-11-30T07:00:00+13:00", "2026-12-07T07:00:00+13:00",
        ])
        #expect(try fires("15,45 9-10 * * mon-fri", after: "2026-11-20T10:30:00+13:00") == [
            "2026-11-20T10:45:00+13:00", "2026-11-23T09:15:00+13:00", "2026-11-23T09:45:00+13:00",
        ])
        #expect(try fires("*/20 8-18/5 1 JAN,jul *", after: "2026-06-30T00:00:00+12:00", count: 4) == [
            "2026-07-01T08:00:00+12:00", "2026-07-01T08:20:00+12:00", "2026-07-01T08:40:00+12:00",
            "2026-07-01T13:00:00+12:00",
        ])
    }

    @Test("0 and 7 are both Sunday")
    func sunday() throws {
        let expected = ["2026-11-29T06:00:00+13:00", "2026-12-06T06:00:00+13:00"]
        #expect(try fires("0 6 * * 0", after: "2026-11-23T00:00:00+13:00", count: 2) == expected)
        #expect(try fires("0 6 * * 7", after: "2026-11-23T00:00:00+13:00", count: 2) == expected)
        #expect(try fires("0 6 * * sun", after: "2026-11-23T00:00:00+13:00", count: 2) == expected)
        #expect(try fires("0 6 * * 5-7", after: "2026-11-27T07:00:00+13:00", count: 2) == [
            "2026-11-28T06:00:00+13:00", "2026-11-29T06:00:00+13:00",
        ])
    }

    @Test("day of month OR day of week when both are restricted; AND when one is *")
    func dayRule() throws {
        // Friday the 13th style: every 13th and every Friday.
        #expect(try fires("0 0 13 * fri", after: "2026-11-01T00:00:00+13:00", count: 4) == [
            "2026-11-06T00:00:00+13:00", "2026-11-13T00:00:00+13:00", "2026-11-20T00:00:00+13:00",
            "2026-11-27T00:00:00+13:00",
        ])
        #expect(try fires("0 0 12 * fri", after: "2026-11-01T00:00:00+13:00", count: 2) == [
            "2026-11-06T00:00:00+13:00", "2026-11-12T00:00:00+13:00",
        ])
        #expect(try fires("0 0 * * fri", after: "2026-11-01T00:00:00+13:00", count: 2) == [
            "2026-11-06T00:00:00+13:00", "2026-11-13T00:00:00+13:00",
        ])
        #expect(try fires("0 0 29 2 *", after: "2026-03-01T00:00:00+13:00", count: 1) == ["2028-02-29T00:00:00+13:00"])
    }

    @Test("a time skipped by DST runs at the first instant after the gap; a repeated one runs once")
    func daylightSaving() throws {
        // 27 September 2026: 02:00 NZST jumps to 03:00 NZDT.
        #expect(try fires("30 2 * * *", after: "2026-09-26T12:00:00+12:00") == [
            "2026-09-27T03:00:00+13:00", "2026-09-28T02:30:00+13:00", "2026-09-29T02:30:00+13:00",
        ])
        #expect(try fires("*/20 * * * *", after: "2026-09-27T01:30:00+12:00", count: 4) == [
            "2026-09-27T01:40:00+12:00", "2026-09-27T03:00:00+13:00", "2026-09-27T03:20:00+13:00",
            "2026-09-27T03:40:00+13:00",
        ])
        // 5 April 2026: 03:00 NZDT falls back to 02:00 NZST; 02:30 happens twice and runs once.
        #expect(try fires("30 2 * * *", after: "2026-04-04T12:00:00+13:00") == [
            "2026-04-05T02:30:00+13:00", "2026-04-06T02:30:00+12:00", "2026-04-07T02:30:00+12:00",
        ])
        #expect(try fires("0,30 * * * *", after: "2026-04-05T01:45:00+13:00", count: 5) == [
            "2026-04-05T02:00:00+13:00", "2026-04-05T02:30:00+13:00", "2026-04-05T03:00:00+12:00",
            "2026-04-05T03:30:00+12:00", "2026-04-05T04:00:00+12:00",
        ])
        // Started during the second pass of the repeated hour: 02:45 already happened, in the first.
        #expect(try fires("45 2 * * *", after: "2026-04-05T02:10:00+12:00", count: 1) == ["2026-04-06T02:45:00+12:00"])
    }

    @Test("bad expressions are config errors at the field that is wrong")
    func errors() throws {
        let config = minimalConfig + """

            schedules:
              - {id: a, cron: "0 7 * *"}
              - {id: b, cron: "61 7 * * *"}
              - {id: c, cron: "0 7 * * funday"}
              - {id: d, cron: "0 7 30 feb *"}
              - {id: e, cron: "0 7 5-1 * *"}
              - {id: f, cron: "*/0 * * * *"}
              - {id: a, cron: "0 7 * * 1"}
            """
        #expect(problems(config) == [
            "12:20: expected five cron fields (minute hour day-of-month month day-of-week), found 4",
            "13:20: minute `61`: expected 0–59, found 61",
            "14:28: day of week `funday`: expected a number or a name such as `mon`",
            "15:24: `0 7 30 feb *` names no day that exists, so it never runs",
            "16:24: day of month `5-1`: a range must go from low to high",
            "17:20: minute `*/0`: the step after `/` must be a whole number of at least 1",
            "18:10: duplicate schedule id `a`",
        ])
    }
}
