import Foundation
import Testing
import TutahiTestSupport
import TutahiPluginAPI

@Suite("Zone offsets from the transition table")
struct ZoneOffsetTests {
    /// The table must agree with the time zone database everywhere, including Apia's skipped day
    /// (2011-12-30) and Chatham's 45-minute offsets; instants are spread over 1900–2200 and packed
    /// around each transition second.
    @Test(arguments: ["Pacific/Auckland", "Pacific/Chatham", "Pacific/Apia", "America/New_York", "Europe/London", "UTC"])
    func offsetsMatchTheDatabase(_ identifier: String) throws {
        let zone = try #require(Zone(identifier: identifier))
        let database = try #require(TimeZone(identifier: identifier))
        var seconds: [Int64] = stride(from: Int64(-2_208_988_800), to: 7_258_118_400, by: 86_400 * 7 + 3_601).map { $0 }
        var date = Date(timeIntervalSince1970: 0)
        for _ in 0..<200 {
            guard let next = database.nextDaylightSavingTimeTransition(after: date) else { break }
            let second = Int64(next.timeIntervalSince1970)
            seconds += [second - 1, second, second + 1]
            date = next
        }
        for second in seconds {
            let expected = database.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
            #expect(zone.offset(at: Instant(seconds: second)) == expected, "\(identifier) at \(second)")
        }
    }

    /// Local wall times map to the instants the rules give: the earlier of two for a time that
    /// happens twice, the time moved on by the gap for one that is skipped, and otherwise the one
    /// instant; checked every 20 minutes for two days around each transition and weekly elsewhere.
    @Test(arguments: ["Pacific/Auckland", "Pacific/Chatham", "Pacific/Apia", "America/New_York", "UTC"])
    func wallTimesMapToTheirInstants(_ identifier: String) throws {
        let zone = try #require(Zone(identifier: identifier))
        let database = try #require(TimeZone(identifier: identifier))
        func offset(_ second: Int64) -> Int64 {
            Int64(database.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
        }
        var walls: [Int64] = stride(from: Int64(-2_000_000_000), to: 7_000_000_000, by: 86_400 * 7 + 1_237).map { $0 }
        var date = Date(timeIntervalSince1970: 0)
        for _ in 0..<120 {
            guard let next = database.nextDaylightSavingTimeTransition(after: date) else { break }
            let second = Int64(next.timeIntervalSince1970)
            walls += stride(from: second - 2 * 86_400, to: second + 2 * 86_400, by: 1_200).map { $0 + offset(second) }
            date = next
        }
        for wall in walls {
            let candidates = Set([offset(wall - 86_400), offset(wall + 86_400), offset(wall)].map { wall - $0 })
                .filter { $0 + offset($0) == wall }
            let expected = candidates.min() ?? wall - offset(wall - 86_400)
            #expect(zone.instant(wallSeconds: wall) == Instant(seconds: expected), "\(identifier) at wall \(wall)")
        }
    }
}

