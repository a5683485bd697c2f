#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of byte strings, each given a dense code (0, 1, 2, …) in the order first seen.
///
/// The loader interns ids, kinds, party ids and attribute values through it without making a
/// `String` per field: keys live back to back in one buffer, found through an open-addressing table.
package struct ByteInterner: Sendable {
    /// Every key's bytes, back to back, in code order.
    private var storage: [UInt8] = []
    /// The end offset of each key in `storage`.
    private var ends: [Int] = []
    /// Per slot, the key's hash in the high half and its code + 1 in the low half; 0 is empty.
    /// Keeping the hash beside the code means a probe for a new key touches one cache line.
    private var slots: [UInt64]

    /// Creates an empty interner with room for about `capacity` keys before it grows.
    package init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
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
        let (slot, found) = find(key, hash: hash)
        if let found { return (found, false) }
        let code = Int32(ends.count)
        storage.append(contentsOf: key)
        ends.append(storage.count)
        slots[slot] = UInt64(hash) << 32 | UInt64(code + 1)
        if ends.count * 2 > slots.count { grow() }
        return (code, true)
    }

    /// The slot holding `key`, with its code, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (slot: Int, code: Int32?) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let code = Int(entry & 0xFFFF_FFFF) - 1
                if equals(code, key) { return (slot, Int32(code)) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The code of `key`, when it was interned.
    package func code(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(key, hash: Self.hash(key)).code
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
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        slots = grown
    }

    /// A hash of the bytes, read eight at a time, finished with a 64-bit mix so that every bit spreads.
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return UInt32(truncatingIfNeeded: hash) }
        var offset = 0
        while offset + 8 <= key.count {
            hash = (hash ^ UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            offset += 8
        }
        let left = key.count - offset
        if left > 0 {
            // The last one to seven bytes, read as at most two overlapping loads, never past the end.
            let tail: UInt64
            if key.count >= 8 {
                tail = UnsafeRawPointer(base + key.count - 8).loadUnaligned(as: UInt64.self) >> UInt64(8 * (8 - left))
            } else if left >= 4 {
                let low = UInt64(UnsafeRawPointer(base).loadUnaligned(as: UInt32.self))
                let high = UInt64(UnsafeRawPointer(base + left - 4).loadUnaligned(as: UInt32.self))
                tail = low | high << 32
            } else {
                tail = UInt64(base[0]) | UInt64(base[left / 2]) << 8 | UInt64(base[left - 1]) << 16
            }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 32
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return UInt32(truncatingIfNeeded: hash)
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
