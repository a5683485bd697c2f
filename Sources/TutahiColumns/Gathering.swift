extension Array where Element: BitwiseCopyable {
    /// `self[order[0]], self[order[1]], …`, made in stretches of `order` on up to `workers` threads
    /// (a column put in a table's new row order).
    package func gathered(by order: [Int32], workers: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            withUnsafeBufferPointer { column in
                order.withUnsafeBufferPointer { order in
                    let shared = UncheckedBox((buffer, column, order))
                    Parallel.forEachStretch(of: order.count, workers: workers) { stretch, _ in
                        let (buffer, column, order) = shared.value
                        for position in stretch {
                            buffer.initializeElement(at: position, to: column[Int(order[position])])
                        }
                    }
                }
            }
            initialized = order.count
        }
    }
}
