import Testing
@testable import TutahiCore
import TutahiPluginAPI

/// The table holds each relationship's rows oldest first, rows at the same instant by id. When every
/// time is a whole second the rows are ordered through ``SecondsKeys``; otherwise by a sort of
/// (time, row) pairs. Both must give the same order.
@Suite("A relationship's rows in time order")
struct TimeOrderTests {
    static let agencies = ["ag0", "ag1", "ag2"]
    static let partners = (0..<40).map { "p\($0)" }

    /// Interactions between `agencies` and `partners`, some relationships large, some small, some
    /// with their times bunched within a minute or falling on the same seconds, and a few between
    /// two agencies or two partners, ids in no order; every time is whole seconds plus `extra`
    /// nanoseconds.
    static func interactions(seed: UInt64, extra: Int64) -> [Interaction] {
        var random = SplitMix64(seed: seed)
        let start: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
        var rows: [Interaction] = []
        func add(_ agency: String, _ partner: String, count: Int, spread: Int64, seconds: [Int64]? = nil) {
            for _ in 0..<count {
                let second = seconds.map { $0[Int(random.next() % UInt64($0.count))] }
                    ?? start + Int64(random.next() % UInt64(spread))
                let fromAgency = random.next() % 2 == 0
                rows.append(Interaction(
                    id: "i\(random.next() % 1_000_000_000)", kind: "hui", from: fromAgency ? agency : partner,
                    to: fromAgency ? partner : agency, at: Instant(seconds: second, nanoseconds: extra)))
            }
        }
        add("ag0", "p0", count: 5_000, spread: 365 * 86_400)  // more rows than a bucket sort takes
        add("ag1", "p1", count: 2_000, spread: 60)  // bunched: too many to a bucket
        add("ag2", "p2", count: 300, spread: 86_400, seconds: [start, start + 5, start + 9])  // the same seconds
        for partner in partners.dropFirst(3) {
            let agency = agencies[Int(random.next() % 3)]
            add(agency, partner, count: Int(random.next() % 400), spread: 365 * 86_400)
        }
        add("ag0", "ag1", count: 30, spread: 86_400)  // between two agencies: kept after the relationships
        add("p3", "p4", count: 20, spread: 86_400)  // and between two partners
        rows.shuffle(using: &random)
        return rows
    }

    static func table(_ rows: [Interaction], workers: Int) -> InteractionTable {
        let ids = agencies + partners
        var builder = InteractionTableBuilder(partyIDs: ids, isAgency: ids.map { $0.hasPrefix("ag") })
        for (line, row) in rows.enumerated() { _ = builder.append(row, origin: RowOrigin(file: 0, line: line + 2)) }
        return builder.build(workers: workers).table
    }

    @Test("whole seconds and the same times a nanosecond later give the same order, and it is by time, then id")
    func sameOrderBothWays() throws {
        for workers in 1...3 {
            let whole = Self.table(Self.interactions(seed: 29, extra: 0), workers: workers)
            let later = Self.table(Self.interactions(seed: 29, extra: 1), workers: workers)
            #expect(whole.count == later.count && whole.count > 7_000)
            #expect(whole.othersStart == later.othersStart && whole.count - whole.othersStart == 50)
            #expect(whole.relationships.map(\.rows) == later.relationships.map(\.rows))
            #expect(whole.relationships.count == 40)
            for row in 0..<whole.count {
                let (a, b) = (whole[row], later[row])
                guard a.id == b.id, a.from == b.from, a.to == b.to, a.at.nanoseconds + 1 == b.at.nanoseconds else {
                    Issue.record("row \(row): \(a.id) \(a.at) against \(b.id) \(b.at)")
                    return
                }
            }
            for relationship in whole.relationships {
                let rows = relationship.rows.map { whole[$0] }
                let inOrder = zip(rows, rows.dropFirst()).allSatisfy { earlier, later in
                    earlier.at < later.at || (earlier.at == later.at && earlier.id < later.id)
                }
                #expect(inOrder, "\(relationship.agency)/\(relationship.partner)")
            }
        }
    }

    @Test("keys are made only for whole seconds less than 2³¹ seconds apart, and give back row, side and time")
    func keys() throws {
        let second: Int64 = 1_000_000_000
        func keys(_ times: [Int64]) -> SecondsKeys? {
            times.withUnsafeBufferPointer { SecondsKeys(times: $0, workers: 2) }
        }
        #expect(keys([]) == nil)
        #expect(keys([5 * second, 7 * second + 1]) == nil)
        #expect(keys([-3 * second, (Int64(Int32.max) - 3) * second]) == nil)
        #expect(keys([-3 * second, (Int64(Int32.max) - 4) * second]) != nil)
        let made = try #require(keys([-3 * second, 1_000 * second, 9 * second]))
        #expect(made.origin == -3)
        let key = made.key(time: 9 * second, row: Int(Int32.max), fromAgency: true)
        #expect(SecondsKeys.row(of: key) == Int32.max && SecondsKeys.isFromAgency(key))
        #expect(made.time(of: key) == 9 * second)
        let other = made.key(time: -3 * second, row: 0, fromAgency: false)
        #expect(SecondsKeys.row(of: other) == 0 && !SecondsKeys.isFromAgency(other))
        #expect(made.time(of: other) == -3 * second)
    }

    @Test("keys sort by seconds, rows at the same second in row order, at every size and spread")
    func sortedKeys() {
        var random = SplitMix64(seed: 1840)
        var scratch: [Int64] = []
        for count in [2, 47, 48, 100, 600, 4_096, 4_097, 9_000] {
            for spread in [UInt64(1), 3, 60, 100_000, 1 << 30] {
                let keys = (0..<count).map { row in Int64(random.next() % spread) << 32 | Int64(row) }
                var sorted = keys
                sorted.withUnsafeMutableBufferPointer { SecondsKeys.sort($0, scratch: &scratch) }
                let expected = keys.sorted { ($0 >> 32, $0 & 0x7FFF_FFFF) < ($1 >> 32, $1 & 0x7FFF_FFFF) }
                #expect(sorted == expected, "\(count) keys over \(spread) seconds")
            }
        }
    }
}
