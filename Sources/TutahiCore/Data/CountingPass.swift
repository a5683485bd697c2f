/// One pass of a counting sort: the elements of `source` written to `target` in the order of their
/// `bucket` (below `counts.count`), elements of one bucket keeping their order. `counts` is memory
/// for a count per bucket; what it holds after is each bucket's end in `target`. Returns the most
/// elements any one bucket got.
///
/// The pass of a radix sort (a bucket per value of one byte) and of a spread into buckets by top
/// bits, for the few hundred rows of one relationship.
@inline(__always)
@discardableResult
func countingPass<Element>(
    _ source: UnsafeMutableBufferPointer<Element>, into target: UnsafeMutableBufferPointer<Element>,
    counts: UnsafeMutableBufferPointer<Int>, bucket: (Element) -> Int
) -> Int {
    counts.initialize(repeating: 0)
    for element in source { counts[bucket(element)] += 1 }
    var total = 0, largest = 0
    for index in counts.indices {
        let counted = counts[index]
        counts[index] = total
        total += counted
        largest = max(largest, counted)
    }
    for element in source {
        let index = bucket(element)
        target[counts[index]] = element
        counts[index] += 1
    }
    return largest
}
