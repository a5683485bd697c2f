#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Which of 64 consecutive bytes are commas, line ends, quotes and not ASCII, one bit per byte
/// (bit 0 is the first byte): what cutting unquoted records needs, found for 64 bytes at once.
///
/// On x86-64 each class is found with SSE2 compares, 16 bytes at a time; elsewhere eight bytes at a
/// time in a word. Bytes past the end of the bytes being read count as none of the classes.
struct CSVByteClasses {
    /// The offset of the first of the 64 bytes.
    var start: Int
    var commas: UInt64 = 0
    var newlines: UInt64 = 0
    /// Quotes, or none when they are not looked for.
    var quotes: UInt64 = 0
    /// Bytes with the top bit set (not ASCII).
    var high: UInt64 = 0

    /// The classes of the 64 bytes at `start` of the `count` bytes at `base`; quotes only when
    /// `lookingForQuotes`.
    @inline(__always)
    init(_ base: UnsafePointer<UInt8>, at start: Int, count: Int, lookingForQuotes: Bool) {
        guard start + 64 <= count else {
            self.init(tailOf: base, at: start, count: count, lookingForQuotes: lookingForQuotes)
            return
        }
        #if arch(x86_64)
        self.init(vectorAt: UnsafeRawPointer(base + start), start: start, lookingForQuotes: lookingForQuotes)
        #else
        self.init(portableAt: UnsafeRawPointer(base + start), start: start, lookingForQuotes: lookingForQuotes)
        #endif
    }

    /// The classes of the bytes from `start` to `count`, fewer than 64, one at a time.
    @inline(never)
    private init(tailOf base: UnsafePointer<UInt8>, at start: Int, count: Int, lookingForQuotes: Bool) {
        self.start = start
        for offset in start..<min(count, start + 64) {
            let bit: UInt64 = 1 << UInt64(offset - start)
            switch base[offset] {
            case UInt8(ascii: ","): commas |= bit
            case UInt8(ascii: "\n"): newlines |= bit
            case UInt8(ascii: "\"") where lookingForQuotes: quotes |= bit
            case 0x80...: high |= bit
            default: break
            }
        }
    }

    /// The classes of the 64 bytes at `bytes`, eight bytes at a time in a word (any platform).
    @inline(__always)
    init(portableAt bytes: UnsafeRawPointer, start: Int, lookingForQuotes: Bool) {
        self.start = start
        for word in 0..<8 {
            let value = bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
            let shift = UInt64(word * 8)
            commas |= Self.topBits(Self.matching(value, Self.commas8)) << shift
            newlines |= Self.topBits(Self.matching(value, Self.newlines8)) << shift
            if lookingForQuotes { quotes |= Self.topBits(Self.matching(value, Self.quotes8)) << shift }
            high |= Self.topBits(value & 0x8080_8080_8080_8080) << shift
        }
    }

    /// A comma, a line end and a quote repeated in each byte of a word, for ``matching(_:_:)``.
    static let commas8: UInt64 = 0x2C2C_2C2C_2C2C_2C2C, newlines8: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let quotes8: UInt64 = 0x2222_2222_2222_2222

    /// The top bit of each byte of `word` equal to the byte repeated in `pattern`, and no other bit.
    @inline(__always)
    static func matching(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ pattern
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The top bits of the eight bytes of `word` (no other bit set) as the low eight bits.
    @inline(__always)
    private static func topBits(_ word: UInt64) -> UInt64 {
        ((word >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    #if arch(x86_64)
    /// The classes of the 64 bytes at `bytes`, with SSE2 (every x86-64 processor has it).
    @inline(__always)
    init(vectorAt bytes: UnsafeRawPointer, start: Int, lookingForQuotes: Bool) {
        self.start = start
        let comma = _mm_set1_epi8(0x2C), newline = _mm_set1_epi8(0x0A), quote = _mm_set1_epi8(0x22)
        for part in 0..<4 {
            let chunk = _mm_loadu_si128(bytes.advanced(by: part * 16).assumingMemoryBound(to: __m128i.self))
            let shift = UInt64(part * 16)
            commas |= Self.mask(_mm_cmpeq_epi8(chunk, comma)) << shift
            newlines |= Self.mask(_mm_cmpeq_epi8(chunk, newline)) << shift
            if lookingForQuotes { quotes |= Self.mask(_mm_cmpeq_epi8(chunk, quote)) << shift }
            high |= Self.mask(chunk) << shift
        }
    }

    /// The top bit of each of the 16 bytes of `vector`, as 16 bits.
    @inline(__always)
    private static func mask(_ vector: __m128i) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(vector)))
    }
    #endif
}
