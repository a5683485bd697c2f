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
        var plan = Plan(count: count, buckets: buckets, workers: workers, bucket: bucket)
        let starts = plan.starts
        self.init(
            starts: starts,
            entries: plan.entries(count: count, extraCapacity: extraCapacity, bucket: bucket, entry: entry))
    }

    @usableFromInline
    init(starts: [Int], entries: [Entry]) {
        (self.starts, self.entries) = (starts, entries)
    }

    /// Where each index goes: each stretch's next place in each bucket, and each bucket's start.
    @usableFromInline
    struct Plan {
        @usableFromInline let starts: [Int]
        @usableFromInline let total: Int
        @usableFromInline let workers: Int
        @usableFromInline let buckets: Int
        @usableFromInline var next: [Int]

        /// Counts the indices of `0..<count` per bucket, a stretch per thread.
        @inlinable
        init(count: Int, buckets: Int, workers: Int, bucket: (Int) -> Int) {
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
            (self.starts, self.total, self.workers, self.buckets, self.next) = (starts, total, workers, buckets, next)
        }

        /// The entries in new memory, with room for `extraCapacity` more.
        @inlinable
        mutating func entries(count: Int, extraCapacity: Int, bucket: (Int) -> Int, entry: (Int) -> Entry) -> [Entry] {
            let total = total
            return [Entry](unsafeUninitializedCapacity: total + extraCapacity) { buffer, initialized in
                scatter(count: count, into: buffer, bucket: bucket) { buffer.initializeElement(at: $0, to: entry($1)) }
                initialized = total
            }
        }

        /// Calls `place` with each index's position in the sorted entries and the index, a stretch
        /// per thread, as the counting went (the plan's counters are used up on the way).
        @inlinable
        mutating func scatter(
            count: Int, into buffer: UnsafeMutableBufferPointer<Entry>, bucket: (Int) -> Int,
            place: (_ position: Int, _ index: Int) -> Void
        ) {
            let (buckets, workers) = (buckets, workers)
            next.withUnsafeMutableBufferPointer { next in
                let shared = UncheckedBox(next)
                Parallel.forEachStretch(of: count, workers: workers) { stretch, part in
                    let next = shared.value
                    let base = part * buckets
                    for index in stretch {
                        let target = bucket(index)
                        guard target >= 0 else { continue }
                        place(next[base + target], index)
                        next[base + target] += 1
                    }
                }
            }
        }
    }

    /// The entries, taken from the sort, so that changing them copies nothing.
    package consuming func takeEntries() -> [Entry] { entries }

    /// The number of entries in bucket `bucket`.
    package func count(in bucket: Int) -> Int { starts[bucket + 1] - starts[bucket] }

    /// The positions in ``entries`` of bucket `bucket`.
    package func range(of bucket: Int) -> Range<Int> { starts[bucket]..<starts[bucket + 1] }
}

extension BucketSort where Entry: BitwiseCopyable {
    /// ``init(count:buckets:workers:extraCapacity:bucket:entry:)`` writing the entries over those of
    /// `spare`, an array finished with, when it has at least as many and room for `extraCapacity` more:
    /// its memory is already present, where new memory would be faulted in a page at a time.
    @inlinable
    @_specialize(exported: true, where Entry == Int64)
    package init(
        count: Int, buckets: Int, workers: Int, extraCapacity: Int = 0, reusing spare: consuming [Entry],
        bucket: (Int) -> Int, entry: (Int) -> Entry
    ) {
        var plan = Plan(count: count, buckets: buckets, workers: workers, bucket: bucket)
        let starts = plan.starts
        var entries = consume spare
        if entries.count >= plan.total, entries.capacity >= plan.total + extraCapacity {
            entries.removeLast(entries.count - plan.total)
            entries.withUnsafeMutableBufferPointer { buffer in
                let shared = UncheckedBox(buffer)
                plan.scatter(count: count, into: buffer, bucket: bucket) { shared.value[$0] = entry($1) }
            }
        } else {
            entries = []
            entries = plan.entries(count: count, extraCapacity: extraCapacity, bucket: bucket, entry: entry)
        }
        self.init(starts: starts, entries: entries)
    }
}
