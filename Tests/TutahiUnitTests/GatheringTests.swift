import Testing
import TutahiColumns

/// The table build puts each column in its new row order on every core, a stretch of rows each.
/// Whatever the threads, every row must land in its place: these columns are long enough to be cut
/// into several stretches.
@Suite("Columns gathered into a new row order on several threads")
struct GatheringTests {
    /// 300,000 rows in a seeded random order.
    static func order() -> [Int32] {
        var generator = SplitMix64(seed: 18)
        return (0..<Int32(300_000)).shuffled(using: &generator)
    }

    @Test("each value lands where its row goes, for any number of threads", arguments: [1, 2, 3])
    func values(workers: Int) {
        let order = Self.order()
        let column = (0..<Int64(300_000)).map { $0 * 7 - 1_000 }
        let gathered = column.gathered(by: order, workers: workers)
        #expect(gathered == order.map { column[Int($0)] })
        #expect(gathered[0] == Int64(order[0]) * 7 - 1_000)
    }

    @Test("a code column, bytes and words, gathers the same on any number of threads", arguments: [1, 2, 3])
    func codes(workers: Int) {
        let order = Self.order()
        var narrow = CodeColumn()
        narrow.append((0..<UInt32(300_000)).map { $0 % 200 }, mappedThrough: (0..<UInt32(200)).map { $0 })
        var wide = CodeColumn()
        wide.append((0..<UInt32(300_000)).map { $0 % 1_000 }, mappedThrough: (0..<UInt32(1_000)).map { $0 * 3 })
        let narrowExpected = order.map { UInt32($0 % 200) }, wideExpected = order.map { UInt32($0 % 1_000) * 3 }
        #expect(Array(narrow.gathered(order, workers: workers)) == narrowExpected)
        #expect(Array(wide.gathered(order, workers: workers)) == wideExpected)
    }
}
