import Dispatch
import Synchronization

/// CPU-bound work spread over threads outside Swift's cooperative pool (so blocking on it from an
/// async task cannot starve the pool).
package enum Parallel {
    /// Calls `body` for every index in `0..<count`, on up to `workers` threads, each index started
    /// in order by whichever thread is free; `body(i)` for different `i` must touch disjoint state.
    /// Returns when all calls have returned.
    @inlinable
    package static func forEach(_ count: Int, workers: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(workers, count))
        if workers == 1 {
            for index in 0..<count { body(index) }
            return
        }
        // Each thread claims the next index when it is free, so that one long call (a merge beside
        // many parses, say) does not leave the other threads a fixed share to wait on.
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    shared.value(index)
                }
            }
        }
    }
}

extension Parallel {
    /// Cuts `0..<count` into ``stretches(of:workers:minimum:)`` stretches and calls `body` with each
    /// stretch and its number, on up to `workers` threads.
    @inlinable
    package static func forEachStretch(
        of count: Int, workers: Int, minimum: Int = 65_536, _ body: (_ stretch: Range<Int>, _ number: Int) -> Void
    ) {
        let parts = Self.stretches(of: count, workers: workers, minimum: minimum)
        forEach(parts, workers: workers) { number in
            body((count * number / parts)..<(count * (number + 1) / parts), number)
        }
    }

    /// Cuts `0..<count` into runs of `size` indices (the last one shorter) and calls `body` with each,
    /// on up to `workers` threads, each run taken by whichever thread is free: for work whose cost
    /// per index varies, where a stretch per thread would leave one thread finishing alone.
    @inlinable
    package static func forEachRun(of count: Int, size: Int, workers: Int, _ body: (_ run: Range<Int>) -> Void) {
        let size = max(1, size)
        forEach((count + size - 1) / size, workers: workers) { number in
            body((number * size)..<min(count, (number + 1) * size))
        }
    }

    /// The number of stretches ``forEachStretch(of:workers:minimum:_:)`` cuts `count` into: at most
    /// `workers`, each of at least `minimum` indices (one when `count` is small).
    @inlinable
    package static func stretches(of count: Int, workers: Int, minimum: Int = 65_536) -> Int {
        max(1, min(workers, count / max(1, minimum)))
    }
}

/// A value handed to other threads by a caller that guarantees they touch it safely.
package struct UncheckedBox<Value>: @unchecked Sendable {
    /// The value.
    package var value: Value
    /// Wraps `value`.
    @inlinable package init(_ value: Value) { self.value = value }
}
