import TutahiColumns

/// A row's time, direction and number packed into one 64-bit key, for tables whose times are all
/// whole seconds less than 2³¹ seconds (68 years) apart (nearly every table: timestamps are written to the
/// second): the seconds since the earliest in the high half, whether the row went from the agency
/// in bit 31, and the row in the low 31 bits.
///
/// Ordering a relationship's rows by time then sorts the keys where they lie, and the time is read
/// back from the key: no row's time is looked up anywhere else in memory.
struct SecondsKeys: Sendable {
    /// The earliest time, in seconds.
    let origin: Int64

    private static let nanosecondsPerSecond: Int64 = 1_000_000_000
    private static let rowMask: Int64 = 0x7FFF_FFFF
    private static let agencyBit: Int64 = 1 << 31

    /// Keys for `times` (nanoseconds), looked over on up to `workers` threads; nil when a time is
    /// not a whole second or the times span 2³¹ seconds or more.
    init?(times: UnsafeBufferPointer<Int64>, workers: Int) {
        guard !times.isEmpty else { return nil }
        let parts = Parallel.stretches(of: times.count, workers: workers)
        var found = [(low: Int64, high: Int64, whole: Bool)](repeating: (.max, .min, true), count: parts)
        found.withUnsafeMutableBufferPointer { found in
            let shared = UncheckedBox(found)
            Parallel.forEachStretch(of: times.count, workers: workers) { stretch, part in
                var low = Int64.max, high = Int64.min, whole = true
                for index in stretch {
                    let time = times[index]
                    low = min(low, time)
                    high = max(high, time)
                    whole = whole && time % Self.nanosecondsPerSecond == 0
                }
                shared.value[part] = (low, high, whole)
            }
        }
        guard found.allSatisfy(\.whole) else { return nil }
        let low = found.map(\.low).min() ?? 0, high = found.map(\.high).max() ?? 0
        let span = high / Self.nanosecondsPerSecond - low / Self.nanosecondsPerSecond
        guard span >= 0, span < Int64(Int32.max) else { return nil }
        origin = low / Self.nanosecondsPerSecond
    }

    /// The key of row `row` (below 2³¹), at `time`, from the agency or not.
    @inline(__always)
    func key(time: Int64, row: Int, fromAgency: Bool) -> Int64 {
        (time / Self.nanosecondsPerSecond - origin) << 32 | (fromAgency ? Self.agencyBit : 0) | Int64(row)
    }

    /// The row of `key`.
    @inline(__always)
    static func row(of key: Int64) -> Int32 { Int32(truncatingIfNeeded: key & rowMask) }

    /// True when the row of `key` went from the agency.
    @inline(__always)
    static func isFromAgency(_ key: Int64) -> Bool { key & agencyBit != 0 }

    /// The time of `key`, in nanoseconds.
    @inline(__always)
    func time(of key: Int64) -> Int64 { (key >> 32 + origin) * Self.nanosecondsPerSecond }

    /// Sorts `keys`, given in ascending row order, by time, rows at the same second keeping their
    /// order. `scratch` is memory for the sort, kept by the caller from one sort to the next.
    ///
    /// A relationship's few hundred keys are spread into about as many buckets by their top bits,
    /// in one pass, and each bucket, a key or two, is then put in order by insertion; when a bucket
    /// would hold many keys (times bunched together), a least-significant-digit radix sort takes
    /// over, a byte a pass over only the bytes in which the seconds differ. Either way takes a
    /// fraction of the time of a comparison sort, whose branches a machine cannot predict on data in
    /// file order.
    static func sort(_ keys: UnsafeMutableBufferPointer<Int64>, scratch: inout [Int64]) {
        guard keys.count > 1 else { return }
        guard keys.count >= 48 else {
            // Few keys: by seconds, then by row (the order they came in), as the other ways leave them.
            var keys = keys
            keys.sort { ($0 >> 32, $0 & rowMask) < ($1 >> 32, $1 & rowMask) }
            return
        }
        var low = Int64.max, high = Int64.min
        for key in keys {
            low = min(low, key >> 32)
            high = max(high, key >> 32)
        }
        let span = UInt64(high - low)
        guard span > 0 else { return }
        if scratch.count < keys.count { scratch = [Int64](repeating: 0, count: keys.count) }
        scratch.withUnsafeMutableBufferPointer { scratch in
            let spare = UnsafeMutableBufferPointer(rebasing: scratch[..<keys.count])
            if keys.count > maximumBuckets || !bucketSort(keys, low: low, span: span, through: spare) {
                radixSort(keys, low: low, span: span, through: spare)
            }
        }
    }

    /// The most buckets ``bucketSort(_:low:span:through:)`` spreads keys into, and the most keys it
    /// lets one bucket hold.
    private static let maximumBuckets = 4_096, maximumBucketCount = 24

    /// Spreads `keys` into buckets by the top bits of their seconds since `low`, into `spare`, sorts
    /// each bucket by insertion and copies them back; false (and `keys` untouched) when a bucket
    /// would hold too many keys for insertion to pay.
    private static func bucketSort(
        _ keys: UnsafeMutableBufferPointer<Int64>, low: Int64, span: UInt64,
        through spare: UnsafeMutableBufferPointer<Int64>
    ) -> Bool {
        let significant = UInt64.bitWidth - span.leadingZeroBitCount
        let bucketBits = min(significant, Int.bitWidth - (keys.count - 1).leadingZeroBitCount)
        let shift = Int64(32 + significant - bucketBits)
        let buckets = 1 << bucketBits
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { counts in
            let largest = countingPass(keys, into: spare, counts: counts) {
                Int(truncatingIfNeeded: ($0 - low << 32) >> shift)
            }
            guard largest <= maximumBucketCount else { return false }
            // Each key is now within its bucket's stretch: insertion moves it a few places at most.
            for index in 1..<spare.count {
                let key = spare[index]
                var place = index
                while place > 0, spare[place - 1] >> 32 > key >> 32 {
                    spare[place] = spare[place - 1]
                    place -= 1
                }
                spare[place] = key
            }
            _ = keys.update(fromContentsOf: spare)
            return true
        }
    }

    /// Sorts `keys` by their seconds since `low` (up to `span`), a byte a pass, through `spare`.
    private static func radixSort(
        _ keys: UnsafeMutableBufferPointer<Int64>, low: Int64, span: UInt64,
        through spare: UnsafeMutableBufferPointer<Int64>
    ) {
        let passes = (UInt64.bitWidth - span.leadingZeroBitCount + 7) / 8
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            var inSpare = false
            for pass in 0..<passes {
                let shift = Int64(32 + pass * 8)
                let (source, target) = inSpare ? (spare, keys) : (keys, spare)
                countingPass(source, into: target, counts: counts) {
                    Int(truncatingIfNeeded: ($0 - low << 32) >> shift & 0xFF)
                }
                inSpare.toggle()
            }
            if inSpare { _ = keys.update(fromContentsOf: spare) }
        }
    }
}
