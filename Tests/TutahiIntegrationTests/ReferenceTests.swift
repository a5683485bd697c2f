import Foundation
import Testing
import TutahiCore
import TutahiPluginAPI
import TutahiTestSupport

@Suite("Independent references")
struct ReferenceTests {
    /// Regions whose anniversary day the `holidays` package does not list: they keep the old
    /// province's (Auckland, Wellington, Nelson), whose listing is their reference.
    static let provinceOf = ["BOP": "AUK", "GIS": "AUK", "WKO": "AUK", "MWT": "WGN", "TAS": "NSN"]

    @Test("every holiday 2000–2052, nationally and for each region, matches the holidays package")
    func holidaysMatch() throws {
        let years = NewZealandHolidays.years
        let regions = AnniversaryDays.regions
        let data = try ReferenceScript.run(
            "holidays_reference.py", ["\(years.lowerBound)", "\(years.upperBound)"] + regions, installedBy: "holidays")
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String]]])
        func ours(_ region: String?) -> [[String]] {
            years.flatMap { year in
                var days = NewZealandHolidays.days(in: year)
                if let region, let anniversary = AnniversaryDays.day(of: region, in: year) { days.append(anniversary) }
                return days.map { [$0.date.iso, $0.name] }
            }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        }
        let national = ours(nil)
        #expect(national.count > 600)
        #expect(national == reference[""])
        for region in regions {
            #expect(ours(region) == reference[Self.provinceOf[region] ?? region], "region \(region)")
        }
    }

    @Test("next fire times match croniter (with zoneinfo) across Pacific/Auckland's DST changes")
    func cronMatches() throws {
        let expressions = [
            "30 2 * * *", "*/15 * * * *", "0 7 * * 1", "0 0 1 * *", "0 9 * * mon-fri", "15 1-3 * * *",
            "0 0 13 * fri", "0 12 */2 * 1", "0 3 * * 0,7", "5 4 * jan,apr,sep *", "0 2 29 2 *", "45 23 31 * *",
            "*/7 2 * * sun", "59 1,2 5,27 4,9 *",
        ]
        let starts = [
            "2026-04-04T12:00:00+13:00", "2026-04-05T02:30:00+13:00", "2026-04-05T02:30:00+12:00",
            "2026-09-26T12:00:00+12:00", "2026-09-27T01:59:00+12:00", "2026-12-31T23:59:59+13:00",
        ]
        var queries: [[String: Any]] = []
        var mine: [[Int64]] = []
        for expression in expressions {
            let parsed = try CronExpression(parsing: expression)
            for start in starts {
                queries.append(["cron": expression, "zone": zone.identifier, "after": instant(start).seconds, "count": 6])
                var after = instant(start), found: [Int64] = []
                for _ in 0..<6 {
                    guard let next = parsed.nextFire(after: after, in: zone) else { break }
                    found.append(next.seconds)
                    after = next
                }
                mine.append(found)
            }
        }
        let reference = try CronReference.fires(queries)
        #expect(reference.count == mine.count)
        for (index, (expected, actual)) in zip(reference, mine).enumerated() where expected != actual {
            let query = queries[index]
            Issue.record("`\(query["cron"] ?? "")` after \(query["after"] ?? ""): croniter says \(expected.map { zone.format(Instant(seconds: $0)) }), we say \(actual.map { zone.format(Instant(seconds: $0)) })")
        }
    }
}

/// Asks `Scripts/cron_reference.py` (croniter and zoneinfo, installed by scripts/test).
enum CronReference {
    static func fires(_ queries: [[String: Any]]) throws -> [[Int64]] {
        let input = String(decoding: try JSONSerialization.data(withJSONObject: queries), as: UTF8.self)
        let data = try ReferenceScript.run("cron_reference.py", input: input, installedBy: "croniter")
        return (try JSONSerialization.jsonObject(with: data) as? [[NSNumber]] ?? []).map { $0.map(\.int64Value) }
    }
}
