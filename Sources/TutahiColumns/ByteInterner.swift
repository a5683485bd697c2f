#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of byte strings, each given a dense code (0, 1, 2, …) in the order first seen.
///
/// The loader interns ids, kinds, party ids and attribute values through it without making a
/// `String` per field: keys live back to back in one buffer, found through an open-addressing table.
/// A key of up to 15 bytes (a party id, a kind, a mode: nearly every key) is also held in its slot as
/// two words, so finding it reads one slot and compares two words; a longer one is compared with
/// its bytes in the buffer.
package struct ByteInterner: Sendable {
    /// Every key's bytes, back to back, in code order.
    private var storage: [UInt8] = []
    /// The end offset of each key in `storage`.
    private var ends: [Int] = []
    /// The open-addressing table; an entry whose `meta` is 0 is empty.
    private var slots: [Slot]

    /// One entry of the table.
    private struct Slot {
        /// The key's hash in the high half and its code + 1 in the low half.
        var meta: UInt64 = 0
        /// A short key as ``ShortKey`` words; for a longer one, `second` is ``ShortKey/long``.
        var first: UInt64 = 0
        var second: UInt64 = 0
    }

    /// Creates an empty interner with room for about `capacity` keys before it grows.
    package init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    /// Interns every string of `keys`, in order (codes are their positions when they are distinct).
    package init(_ keys: [String]) {
        self.init(capacity: keys.count)
        for key in keys {
            var key = key
            key.withUTF8 { _ = intern($0) }
        }
    }

    /// The number of distinct keys.
    package var count: Int { ends.count }

    /// The code of `key`, adding it when new; `inserted` says which.
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (code: Int32, inserted: Bool) {
        intern(key, hash: Self.hash(key))
    }

    /// The code of `key`, whose ``hash(_:)`` is `hash` (computed beforehand, perhaps on another thread).
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (code: Int32, inserted: Bool) {
        let words = ShortKey(key)
        let (slot, found) = find(key, words: words, hash: hash)
        if let found { return (found, false) }
        let code = Int32(ends.count)
        storage.append(contentsOf: key)
        ends.append(storage.count)
        slots[slot] = Slot(meta: UInt64(hash) << 32 | UInt64(code + 1), first: words.first, second: words.second)
        if ends.count * 2 > slots.count { grow() }
        return (code, true)
    }

    /// The slot holding `key` (whose words are `words`), with its code, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, words: ShortKey, hash: UInt32) -> (slot: Int, code: Int32?) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            if words.second != ShortKey.long {
                // A short key is its words: equal words are an equal key, and a long key's never match.
                while true {
                    let entry = slots[slot]
                    if entry.meta == 0 { return (slot, nil) }
                    if entry.first == words.first, entry.second == words.second {
                        return (slot, Int32(truncatingIfNeeded: entry.meta & 0xFFFF_FFFF) - 1)
                    }
                    slot = (slot + 1) & mask
                }
            }
            while true {
                let entry = slots[slot]
                if entry.meta == 0 { return (slot, nil) }
                if UInt32(truncatingIfNeeded: entry.meta >> 32) == hash, entry.second == ShortKey.long {
                    let code = Int(entry.meta & 0xFFFF_FFFF) - 1
                    if equals(code, key) { return (slot, Int32(code)) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The code of `key`, when it was interned.
    package func code(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let words = ShortKey(key)
        return find(key, words: words, hash: Self.hash(key, words: words)).code
    }

    /// The code of `key`, when it was interned.
    package func code(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { code(of: $0) }
    }

    /// Calls `body` with the bytes of the key with `code`.
    package func withBytes<Result>(of code: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = range(of: Int(code))
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The key with `code` as a string (keys are valid UTF-8: the loader checks before interning).
    package func string(_ code: Int32) -> String {
        withBytes(of: code) { String(decoding: $0, as: UTF8.self) }
    }

    private func range(of code: Int) -> Range<Int> {
        (code == 0 ? 0 : ends[code - 1])..<ends[code]
    }

    private func equals(_ code: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = range(of: code)
        guard range.count == key.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = key.baseAddress else { return true }
            return bytesEqual(base + range.lowerBound, other, count: key.count)
        }
    }

    private mutating func grow() {
        var grown = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = grown.count - 1
        for entry in slots where entry.meta != 0 {
            var slot = Int(entry.meta >> 32) & mask
            while grown[slot].meta != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        slots = grown
    }

    /// A hash of the bytes: of a short key's two words, or of a longer key's bytes read eight at a
    /// time, finished with a 64-bit mix so that every bit spreads.
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        hash(key, words: ShortKey(key))
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>, words: ShortKey) -> UInt32 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var hash: UInt64
        if words.second != ShortKey.long {
            hash = (words.first ^ 0x9E37_79B9_7F4A_7C15) &* multiplier
            hash = (hash ^ (hash >> 32) ^ words.second) &* 0xff51_afd7_ed55_8ccd
            return UInt32(truncatingIfNeeded: hash >> 32)
        }
        hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return UInt32(truncatingIfNeeded: hash) }
        var offset = 0
        while offset + 8 <= key.count {
            hash = (hash ^ UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            offset += 8
        }
        let left = key.count - offset
        if left > 0 {
            // The last one to seven bytes, read as one load ending at the key's end (it is longer than 15).
            let tail = UnsafeRawPointer(base + key.count - 8).loadUnaligned(as: UInt64.self) >> UInt64(8 * (8 - left))
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 32
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return UInt32(truncatingIfNeeded: hash)
    }
}

/// A key of up to 15 bytes as two little-endian words, zero after its last byte, with its length in
/// the top byte of the second (so keys that differ only in trailing zero bytes differ); a longer
/// key is marked ``long``. Read with loads that never pass the key's end.
struct ShortKey {
    var first: UInt64
    var second: UInt64

    /// The mark of a key longer than 15 bytes (no short key's second word has 0xFF as its length).
    static let long: UInt64 = 0xFF << 56

    @inline(__always)
    init(_ key: UnsafeBufferPointer<UInt8>) {
        let count = key.count
        guard count <= 15 else {
            (first, second) = (0, Self.long)
            return
        }
        guard count > 0, let base = key.baseAddress else {
            (first, second) = (0, 0)
            return
        }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            second = count == 8
                ? 0 : raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - count))
        } else if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            first = low | (high >> UInt64(8 * (8 - count))) << 32
            second = 0
        } else {
            first = UInt64(base[0]) | UInt64(base[count / 2]) << UInt64(8 * (count / 2))
                | UInt64(base[count - 1]) << UInt64(8 * (count - 1))
            second = 0
        }
        second |= UInt64(count) << 56
    }
}

/// True when the `count` bytes at `lhs` and `rhs` are equal: short keys are compared in place, eight
/// bytes at a time, without a call.
@inline(__always)
package func bytesEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, count: Int) -> Bool {
    guard count <= 32 else { return memcmp(lhs, rhs, count) == 0 }
    var offset = 0
    while offset + 8 <= count {
        if UnsafeRawPointer(lhs + offset).loadUnaligned(as: UInt64.self)
            != UnsafeRawPointer(rhs + offset).loadUnaligned(as: UInt64.self)
        {
            return false
        }
        offset += 8
    }
    while offset < count {
        if lhs[offset] != rhs[offset] { return false }
        offset += 1
    }
    return true
}
