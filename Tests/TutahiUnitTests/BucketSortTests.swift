import Testing
import TutahiColumns

/// The table build sorts rows into buckets over memory an earlier step is finished with; the sort
/// must come out as it does in new memory.
@Suite("Sorting into buckets")
struct BucketSortTests {
    /// 20,000 indices into 97 buckets, about one in nine left out, each carrying `7 × index`.
    private static let count = 20_000
    private static let buckets = (0..<count).map { $0 % 9 == 4 ? -1 : ($0 * 7_919) % 97 }

    private static func fresh() -> BucketSort<Int64> {
        BucketSort(
            count: count, buckets: 97, workers: 2, extraCapacity: 5, bucket: { buckets[$0] }, entry: { Int64($0 * 7) })
    }

    private static func sorted(over spare: consuming [Int64]) -> BucketSort<Int64> {
        BucketSort(
            count: count, buckets: 97, workers: 2, extraCapacity: 5, reusing: spare, bucket: { buckets[$0] },
            entry: { Int64($0 * 7) })
    }

    @Test("written over a spare array, the sort is the one in new memory, in the spare's memory")
    func overSpare() {
        let fresh = Self.fresh()
        // Each bucket holds its indices in ascending order.
        let kept = (0..<Self.count).filter { Self.buckets[$0] >= 0 }
        #expect(fresh.entries.count == kept.count)
        #expect(fresh.entries[fresh.range(of: 0)].map { Int($0) / 7 } == kept.filter { Self.buckets[$0] == 0 })
        let spare = [Int64](repeating: -1, count: Self.count)
        let address = spare.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let reused = Self.sorted(over: consume spare)
        #expect(reused.starts == fresh.starts)
        #expect(reused.entries == fresh.entries)
        var entries = (consume reused).takeEntries()
        #expect(entries.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address)
        // The room after the entries is there: appending does not move them.
        entries.append(contentsOf: [1, 2, 3, 4, 5])
        #expect(entries.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address)
    }

    @Test("a spare too short, or without room for what follows, is let go of and new memory used")
    func spareTooSmall() {
        let fresh = Self.fresh()
        let kept = fresh.entries.count
        for spare in [[Int64](repeating: 0, count: kept - 1), [], Array(repeating: 0, count: kept)] {
            let sorted = Self.sorted(over: spare)
            #expect(sorted.starts == fresh.starts)
            #expect(sorted.entries == fresh.entries)
        }
    }
}
