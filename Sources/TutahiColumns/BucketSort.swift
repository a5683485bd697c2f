/// A stable counting sort spread over threads: the indices `0..<count` grouped by a small bucket
/// number, each bucket in ascending index order, with a value per index carried along.
///
/// Each thread counts its own stretch of indices per bucket, the counts become each stretch's
/// place in each bucket, and each thread then writes its stretch there, so the result is the one
/// a one-thread sort gives.
package struct BucketSort<Entry>: Sendable where Entry: Sendable {
    /// Where each bucket starts in ``entries``; `starts[buckets]` is the number of entries.
    package let starts: [Int]
    /// The entries, bucket by bucket, each bucket in index order.
    package let entries: [Entry]

    /// Sorts `0..<count` into `buckets` buckets: index `i` goes to `bucket(i)` (left out when that is
    /// negative) as `entry(i)`. Both closures are called from several threads at once and must only
    /// read. ``entries`` has room for `extraCapacity` more, for a caller that appends to it.
    ///
    /// Inlinable, so that callers in other modules get it specialized for their entry type and
    /// closures: the generic version spends most of its time on type information. The entry types
    /// the loader uses are also specialized here, for when the optimizer does not inline it.
    @inlinable
    @_specialize(exported: true, where Entry == Int32)
    @_specialize(exported: true, where Entry == UInt64)
    @_specialize(exported: true, where Entry == Int64)
    package init(
        count: Int, buckets: Int, workers: Int, extraCapacity: Int = 0, bucket: (Int) -> Int, entry: (Int) -> Entry
    ) {
        // Each stretch keeps a counter per bucket; stretches stay few enough that those stay small.
        let workers = min(workers, max(1, (1 << 24) / max(1, buckets)))
        let stretches = Parallel.stretches(of: count, workers: workers)
        var next = [Int](repeating: 0, count: stretches * buckets)
        next.withUnsafeMutableBufferPointer { next in
            let counters = UncheckedBox(next)
            Parallel.forEachStretch(of: count, workers: workers) { stretch, part in
                let base = part * buckets
                for index in stretch {
                    let target = bucket(index)
                    if target >= 0 { counters.value[base + target] += 1 }
                }
            }
        }
        var starts = [Int](repeating: 0, count: buckets + 1)
        var total = 0
        for target in 0..<buckets {
            starts[target] = total
            for part in 0..<stretches {
                let counted = next[part * buckets + target]
                next[part * buckets + target] = total
                total += counted
            }
        }
        starts[buckets] = total
        self.starts = starts
        entries = [Entry](unsafeUninitializedCapacity: total + extraCapacity) { buffer, initialized in
            next.withUnsafeMutableBufferPointer { next in
                let shared = UncheckedBox((next, buffer))
                Parallel.forEachStretch(of: count, workers: workers) { stretch, part in
                    let (next, buffer) = shared.value
                    let base = part * buckets
                    for index in stretch {
                        let target = bucket(index)
                        guard target >= 0 else { continue }
                        buffer.initializeElement(at: next[base + target], to: entry(index))
                        next[base + target] += 1
                    }
                }
            }
            initialized = total
        }
    }

    /// The entries, taken from the sort, so that changing them copies nothing.
    package consuming func takeEntries() -> [Entry] { entries }

    /// The number of entries in bucket `bucket`.
    package func count(in bucket: Int) -> Int { starts[bucket + 1] - starts[bucket] }

    /// The positions in ``entries`` of bucket `bucket`.
    package func range(of bucket: Int) -> Range<Int> { starts[bucket]..<starts[bucket + 1] }
}
