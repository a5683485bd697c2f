import Testing
@testable import InteractionIndicators

@Suite("Medians found by selection")
struct MedianTests {
    /// `follow_through`'s `median_days` equals the middle of the sorted values (the mean of the two
    /// middle ones for an even count), on lists with many repeats, sorted and reversed lists, and
    /// one or two values.
    @Test func medianEqualsTheMiddleOfTheSortedValues() {
        var generator = SystemRandomNumberGenerator()
        var lists: [[Double]] = [[3], [2, 1], [1, 1, 1, 1], Array(stride(from: 0.0, to: 50, by: 1)),
            Array(stride(from: 50.0, to: 0, by: -1))]
        for count in 1...200 {
            lists.append((0..<count).map { _ in Double(Int.random(in: 0...9, using: &generator)) / 4 })
            lists.append((0..<count).map { _ in Double.random(in: -100...100, using: &generator) })
        }
        for values in lists {
            let sorted = values.sorted(), middle = sorted.count / 2
            let expected = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(Median.of(values) == expected, "\(values)")
        }
        #expect(Median.of([]) == nil)
    }

    /// `follow_through`'s hand-computed case: closes after 1, 2.5, 4 and 10 days have a median of 3.25.
    @Test func medianOfFourDurations() {
        #expect(Median.of([10, 1, 4, 2.5]) == 3.25)
    }
}
