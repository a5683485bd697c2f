/// Byte strings back to back in one buffer, appended and read by position: many short texts
/// (such as ten million interaction ids) without a `String` or an allocation each.
package struct ByteStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// An empty list.
    package init() {}

    /// The number of strings.
    package var count: Int { ends.count }

    /// Appends `value`.
    package mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    /// Makes room for `count` strings of `bytes` bytes in all.
    package mutating func reserveCapacity(_ count: Int, bytes: Int) {
        ends.reserveCapacity(count)
        self.bytes.reserveCapacity(bytes)
    }

    /// The number of bytes of all strings.
    package var byteCount: Int { bytes.count }

    /// Appends every string of `other`.
    package mutating func append(contentsOf other: ByteStrings) {
        let offset = bytes.count
        bytes += other.bytes
        ends += other.ends.lazy.map { $0 + offset }
    }

    /// Calls `body` with the bytes of string `index`.
    package func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// True when string `index` is empty.
    package func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// String `index` (strings are valid UTF-8: the loader checks before appending).
    package func string(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when string `lhs` orders before string `rhs` byte by byte (code point order for UTF-8).
    package func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = range(lhs), right = range(rhs)
        return bytes.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[left]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: $0[right]))
        }
    }

    /// True when strings `lhs` and `rhs` are equal.
    package func equals(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = range(lhs), right = range(rhs)
        return left.count == right.count && bytes.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[left]).elementsEqual(UnsafeBufferPointer(rebasing: $0[right]))
        }
    }

    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }
}
