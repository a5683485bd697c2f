/// UTF-8 validation of raw bytes, without making a `String` (the standard library's validating
/// initializer is generic and, called for each field of millions of non-ASCII rows, spends most of
/// its time finding its own type information).
package enum UTF8Validation {
    /// True when `bytes` are well-formed UTF-8: no stray continuation byte, no overlong form, no
    /// surrogate, nothing above U+10FFFF, no sequence cut short.
    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time.
            if index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            func continuation(_ offset: Int) -> UInt8? {
                guard index + offset < count, base[index + offset] & 0xC0 == 0x80 else { return nil }
                return base[index + offset]
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) != nil else { return false }
                index += 2
            case 0xE0...0xEF:
                guard let second = continuation(1), continuation(2) != nil else { return false }
                if lead == 0xE0, second < 0xA0 { return false }  // overlong
                if lead == 0xED, second >= 0xA0 { return false }  // a surrogate
                index += 3
            case 0xF0...0xF4:
                guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return false }
                if lead == 0xF0, second < 0x90 { return false }  // overlong
                if lead == 0xF4, second >= 0x90 { return false }  // above U+10FFFF
                index += 4
            default:
                return false  // a continuation byte, an overlong two-byte lead, or no lead at all
            }
        }
        return true
    }
}
