/// Small integer codes, one per row (interned kinds, attribute values): a byte each while every
/// code is below 256, which is nearly always, and four bytes each from the first one that is not.
package struct CodeColumn: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    private var words: [UInt32] = []
    private var isWide = false

    /// An empty column.
    package init() {}

    /// A column of `count` zeros.
    package init(zeros count: Int) {
        bytes = [UInt8](repeating: 0, count: count)
    }

    /// The first row, 0.
    package var startIndex: Int { 0 }
    /// The number of codes.
    package var endIndex: Int { isWide ? words.count : bytes.count }

    /// The code at `row`.
    @inline(__always)
    package subscript(row: Int) -> UInt32 {
        isWide ? words[row] : UInt32(bytes[row])
    }

    /// Calls `body` with the codes as raw memory, read without reference counting.
    package func withCodes<Result>(_ body: (CodeBuffer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try words.withUnsafeBufferPointer { words in try body(CodeBuffer(bytes: bytes, words: words, isWide: isWide)) }
        }
    }

    /// Makes room for `count` codes in all.
    package mutating func reserveCapacity(_ count: Int) {
        if isWide { words.reserveCapacity(count) } else { bytes.reserveCapacity(count) }
    }

    /// The storage reserved for codes (see ``Prefault``).
    package mutating func reservedStorage() -> UnsafeMutableRawBufferPointer? {
        isWide ? Prefault.storage(of: &words) : Prefault.storage(of: &bytes)
    }

    /// Appends `count` zeros.
    package mutating func appendZeros(_ count: Int) {
        if isWide {
            words.append(contentsOf: repeatElement(0, count: count))
        } else {
            bytes.append(contentsOf: repeatElement(0, count: count))
        }
    }

    /// Appends `map[code]` for every code of `codes`.
    package mutating func append(_ codes: [UInt32], mappedThrough map: [UInt32]) {
        if !isWide, map.contains(where: { $0 > UInt32(UInt8.max) }) { widen() }
        let start = count
        if isWide {
            words.append(contentsOf: repeatElement(0, count: codes.count))
            words.withUnsafeMutableBufferPointer { words in
                codes.withUnsafeBufferPointer { codes in
                    for index in codes.indices { words[start + index] = map[Int(codes[index])] }
                }
            }
        } else {
            bytes.append(contentsOf: repeatElement(0, count: codes.count))
            bytes.withUnsafeMutableBufferPointer { bytes in
                codes.withUnsafeBufferPointer { codes in
                    for index in codes.indices { bytes[start + index] = UInt8(truncatingIfNeeded: map[Int(codes[index])]) }
                }
            }
        }
    }

    /// The codes at `order[0]`, `order[1]`, …, made on up to `workers` threads, letting go of these.
    package mutating func gathered(_ order: [Int32], workers: Int = 1) -> CodeColumn {
        var result = CodeColumn()
        result.isWide = isWide
        if isWide {
            result.words = words.gathered(by: order, workers: workers)
        } else {
            result.bytes = bytes.gathered(by: order, workers: workers)
        }
        self = CodeColumn()
        return result
    }

    private mutating func widen() {
        words = bytes.map(UInt32.init)
        bytes = []
        isWide = true
    }
}

/// A ``CodeColumn``'s codes as raw memory, valid only inside ``CodeColumn/withCodes(_:)``.
package struct CodeBuffer {
    /// The codes while they fit in a byte (empty once they do not).
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The codes once some does not fit in a byte (empty until then).
    package let words: UnsafeBufferPointer<UInt32>
    /// True when the codes are in ``words``.
    package let isWide: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<UInt32>, isWide: Bool) {
        self.bytes = bytes
        self.words = words
        self.isWide = isWide
    }

    /// The code at `row`.
    package subscript(row: Int) -> UInt32 { isWide ? words[row] : UInt32(bytes[row]) }
}
