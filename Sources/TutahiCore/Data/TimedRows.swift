/// A row and its time: what a relationship's rows are sorted by.
struct TimedRow: Comparable, Sendable {
    var time: Int64
    var row: Int32
    /// Whether the row went from the agency to the partner (carried along: it fits beside the row).
    var fromAgency = false

    /// Time order, then row order.
    static func < (lhs: TimedRow, rhs: TimedRow) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.row < rhs.row
    }
}

extension [TimedRow] {
    /// Sorts rows given in ascending row order into time order (ties keep row order) with a
    /// least-significant-digit radix sort on the times: a byte a pass, over only the bytes in
    /// which the times differ, counted in seconds when every time is a whole number of seconds
    /// apart. For the few hundred rows of a relationship this takes a fraction of the time of a
    /// comparison sort, whose branches a machine cannot predict on data in file order. `scratch` is
    /// memory for the passes, kept by the caller from one sort to the next.
    mutating func sortByTime(scratch: inout [TimedRow]) {
        guard count >= 48 else {
            sort()
            return
        }
        let (low, high) = reduce((Int64.max, Int64.min)) { (Swift.min($0.0, $1.time), Swift.max($0.1, $1.time)) }
        let origin = UInt64(bitPattern: low)
        func offset(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) &- origin }
        let second: UInt64 = 1_000_000_000
        let unit = allSatisfy { offset($0.time) % second == 0 } ? second : 1
        let span = offset(high) / unit
        guard span > 0 else { return }  // one time: row order is the order
        let passes = (UInt64.bitWidth - span.leadingZeroBitCount + 7) / 8
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(TimedRow(time: 0, row: 0), count: count))
        var inScratch = false
        withUnsafeMutableBufferPointer { rows in
            // The passes read digits of each row's distance from the earliest, in units, held in
            // `time` meanwhile.
            for index in rows.indices { rows[index].time = Int64(bitPattern: offset(rows[index].time) / unit) }
            scratch.withUnsafeMutableBufferPointer { scratch in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
                    for pass in 0..<passes {
                        let shift = UInt64(pass * 8)
                        let (source, target) = inScratch ? (scratch, rows) : (rows, scratch)
                        countingPass(source, into: target, counts: counts) {
                            Int(truncatingIfNeeded: UInt64(bitPattern: $0.time) >> shift & 0xFF)
                        }
                        inScratch.toggle()
                    }
                }
                let sorted = inScratch ? scratch : rows
                for index in sorted.indices {
                    sorted[index].time = Int64(bitPattern: origin &+ UInt64(bitPattern: sorted[index].time) &* unit)
                }
            }
        }
        if inScratch { swap(&self, &scratch) }
    }
}
