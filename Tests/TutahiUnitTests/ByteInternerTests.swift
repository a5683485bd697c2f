import Testing
import TutahiColumns

/// The interner holds keys of up to 15 bytes as two words in its table and longer keys as bytes;
/// both must give each distinct key one code, in the order first seen.
@Suite("Interning byte strings")
struct ByteInternerTests {
    /// Interns `keys` in order; returns each one's code as interned and as looked up afterwards.
    static func codes(_ keys: [[UInt8]]) -> (interned: [Int32], found: [Int32?], count: Int) {
        var interner = ByteInterner()
        let interned = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0).code } }
        let found = keys.map { key in key.withUnsafeBufferPointer { interner.code(of: $0) } }
        return (interned, found, interner.count)
    }

    /// The codes a dictionary gives: dense, in the order each key is first seen.
    static func expected(_ keys: [[UInt8]]) -> [Int32] {
        var seen: [[UInt8]: Int32] = [:]
        return keys.map { key in
            if let code = seen[key] { return code }
            seen[key] = Int32(seen.count)
            return Int32(seen.count - 1)
        }
    }

    @Test("keys that differ only in length, in trailing zero bytes or past the fifteenth byte get their own codes")
    func nearlyEqualKeys() {
        let base = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var keys: [[UInt8]] = [[]]
        for length in 0...base.count { keys.append(Array(base.prefix(length))) }
        keys += [[0], [0, 0], Array("ab".utf8) + [0], Array("abcdefghijklmno".utf8) + [0]]
        keys += [Array("abcdefghijklmnoX".utf8), Array("abcdefghijklmnoY".utf8), Array("Xbcdefghijklmnop".utf8)]
        keys += keys  // every key again: the same codes
        let (interned, found, count) = Self.codes(keys)
        #expect(interned == Self.expected(keys))
        #expect(found == interned.map { Optional($0) })
        #expect(count == Set(keys).count)
        #expect(count == 34)
    }

    @Test("agrees with a dictionary on 20,000 random keys of every length, through several growths")
    func randomKeys() {
        var generator = SplitMix64(seed: 18)
        // A small alphabet, so that many keys repeat and many share prefixes.
        let keys: [[UInt8]] = (0..<20_000).map { _ in
            let length = Int(generator.next() % 24)
            return (0..<length).map { _ in [0x61, 0x62, 0x00, 0xC3][Int(generator.next() % 4)] }
        }
        let (interned, found, count) = Self.codes(keys)
        #expect(interned == Self.expected(keys))
        #expect(found == interned.map { Optional($0) })
        #expect(count == Set(keys).count)
    }

    @Test("a key never interned is not found, and each code gives back its key")
    func absentKeysAndBytes() {
        var interner = ByteInterner(["ag040", "p01402", "consultation", "a partner with a long name"])
        #expect(interner.code(of: "p01403") == nil)
        #expect(interner.code(of: "ag04") == nil)
        #expect(interner.code(of: "a partner with a long nam") == nil)
        #expect(interner.code(of: "") == nil)
        #expect(interner.code(of: "a partner with a long name") == 3)
        let keys = ["ag040", "p01402", "consultation", "a partner with a long name"]
        #expect((0..<4).map { interner.string($0) } == keys)
        var empty = ""
        #expect(empty.withUTF8 { interner.intern($0).code } == 4)
        #expect(interner.code(of: "") == 4)
    }

    @Test("the hash of a key does not depend on where its bytes are")
    func hashByValue() {
        for length in 0...40 {
            let key = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let padded = [0xAA] + key + [0x55, 0x55]
            let hash = key.withUnsafeBufferPointer { ByteInterner.hash($0) }
            let inPlace = padded.withUnsafeBufferPointer {
                ByteInterner.hash(UnsafeBufferPointer(rebasing: $0[1..<(1 + length)]))
            }
            #expect(hash == inPlace, "length \(length)")
        }
    }
}
