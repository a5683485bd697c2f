#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte strings back to back in one buffer, appended and read by position: many short texts
/// (such as ten million interaction ids) without a `String` or an allocation each.
///
/// Offsets are 32-bit, so the strings may hold up to ``maximumByteCount`` bytes in all; callers
/// check ``canAppend(_:)`` before appending data they do not control.
package struct ByteStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    /// The most bytes the strings may hold in all.
    package static let maximumByteCount = Int(UInt32.max)

    /// An empty list.
    package init() {}

    /// The number of strings.
    package var count: Int { ends.count }

    /// True when `additionalBytes` more bytes still fit.
    package func canAppend(_ additionalBytes: Int) -> Bool {
        bytes.count + additionalBytes <= Self.maximumByteCount
    }

    /// Appends `value` (the caller has checked ``canAppend(_:)`` when its size is not bounded).
    package mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Makes room for `count` strings of `bytes` bytes in all.
    package mutating func reserveCapacity(_ count: Int, bytes: Int) {
        ends.reserveCapacity(count)
        self.bytes.reserveCapacity(bytes)
    }

    /// The storage reserved for strings and offsets (see ``Prefault``).
    package mutating func reservedStorage() -> [UnsafeMutableRawBufferPointer] {
        [Prefault.storage(of: &bytes), Prefault.storage(of: &ends)].compactMap { $0 }
    }

    /// The number of bytes of all strings.
    package var byteCount: Int { bytes.count }

    /// Appends every string of `other`.
    package mutating func append(contentsOf other: ByteStrings) {
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other.bytes)
        let start = ends.count
        ends.append(contentsOf: other.ends)
        ends.withUnsafeMutableBufferPointer { ends in
            for index in start..<ends.count { ends[index] &+= offset }
        }
    }

    /// Appends strings given back to back in `bytes`, string `i` ending at `ends[i]` (counted from
    /// the start of `bytes`, ascending).
    package mutating func append(bytes other: UnsafeBufferPointer<UInt8>, ends otherEnds: UnsafeBufferPointer<UInt32>) {
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other)
        let start = ends.count
        ends.append(contentsOf: otherEnds)
        ends.withUnsafeMutableBufferPointer { ends in
            for index in start..<ends.count { ends[index] &+= offset }
        }
    }

    /// Appends `count` empty strings.
    package mutating func appendEmpty(_ count: Int) {
        ends.append(contentsOf: repeatElement(UInt32(truncatingIfNeeded: bytes.count), count: count))
    }

    /// Appends, for each 1-based code of `codes`, the key of `values` it names (0: an empty string).
    package mutating func append(codes: some Sequence<UInt32>, of values: ByteInterner) {
        for code in codes {
            if code == 0 {
                ends.append(UInt32(truncatingIfNeeded: bytes.count))
            } else {
                values.withBytes(of: Int32(code - 1)) { append($0) }
            }
        }
    }

    /// Calls `body` with a view that reads the strings without copying or reference counting.
    package func withView<Result>(_ body: (View) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(View(bytes: bytes, ends: ends)) }
        }
    }

    /// Calls `body` with the bytes of string `index`.
    package func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withView { body($0[index]) }
    }

    /// String `index` (strings are valid UTF-8: the loader checks before appending).
    package func string(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The strings as raw buffers, valid inside ``withView(_:)``.
    package struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<UInt32>

        /// The bytes of string `index`.
        package subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : Int(ends[index - 1])
            return UnsafeBufferPointer(rebasing: bytes[start..<Int(ends[index])])
        }

        /// True when string `index` equals `other`.
        package func equals(_ index: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
            let mine = self[index]
            guard mine.count == other.count else { return false }
            guard let left = mine.baseAddress, let right = other.baseAddress else { return true }
            return bytesEqual(left, right, count: mine.count)
        }

        /// True when strings `lhs` and `rhs` are equal.
        package func equals(_ lhs: Int, _ rhs: Int) -> Bool { equals(lhs, self[rhs]) }

        /// True when string `lhs` orders before string `rhs` byte by byte.
        package func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
            let left = self[lhs], right = self[rhs]
            let common = min(left.count, right.count)
            if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                let order = memcmp(l, r, common)
                if order != 0 { return order < 0 }
            }
            return left.count < right.count
        }
    }
}
