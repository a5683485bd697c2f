extension JSONValue {
    /// The value as JSON text; `indent` > 0 pretty-prints with that many spaces per level.
    public func serialized(indent: Int = 0) -> String {
        String(decoding: serializedBytes(indent: indent), as: UTF8.self)
    }

    /// The value as UTF-8 JSON; `indent` > 0 pretty-prints with that many spaces per level.
    public func serializedBytes(indent: Int = 0) -> [UInt8] {
        serializedBytes(indent: indent, level: 0)
    }

    /// The value as UTF-8 JSON written as if nested `level` levels deep (what it would be inside a
    /// larger value pretty-printed with `indent` spaces per level), for assembling one in pieces.
    public func serializedBytes(indent: Int, level: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 12)
        write(to: &output, indent: indent, level: level)
        return output
    }

    /// Appends ``serializedBytes(indent:level:)`` to `output`, without a buffer of its own.
    public func serialize(into output: inout [UInt8], indent: Int, level: Int) {
        write(to: &output, indent: indent, level: level)
    }

    private func write(to output: inout [UInt8], indent: Int, level: Int) {
        switch self {
        case .null: JSONBytes.append("null", to: &output)
        case .bool(let value): JSONBytes.append(value ? "true" : "false", to: &output)
        case .int(let value): JSONBytes.writeInteger(Int64(value), to: &output)
        case .number(let value): JSONBytes.writeNumber(value, to: &output)
        case .string(let value): JSONBytes.writeString(value, to: &output)
        case .array(let items):
            if items.isEmpty {
                JSONBytes.append("[]", to: &output)
                return
            }
            output.append(UInt8(ascii: "["))
            items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    JSONBytes.newline(&output, indent: indent, level: level + 1)
                    items[index].write(to: &output, indent: indent, level: level + 1)
                }
            }
            JSONBytes.newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            var fields = JSONFields(opening: &output, indent: indent, level: level)
            pairs.withUnsafeBufferPointer { pairs in
                for index in pairs.indices {
                    fields.key(pairs[index].0, in: &output)
                    pairs[index].1.write(to: &output, indent: indent, level: level + 1)
                }
            }
            fields.close(&output)
        }
    }
}

/// Writes the parts of JSON text straight into a byte array, as ``JSONValue`` writes them: for
/// writers that stream a value's JSON without building the value first.
enum JSONBytes {
    /// Spaces for indentation, appended a stretch at a time.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Appends the bytes of `text`.
    @inline(__always)
    static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// A line end and `level` levels of `indent` spaces; nothing when not pretty-printing.
    @inline(__always)
    static func newline(_ output: inout [UInt8], indent: Int, level: Int) {
        guard indent > 0 else { return }
        output.append(UInt8(ascii: "\n"))
        var left = indent * level
        spaces.withUnsafeBufferPointer { spaces in
            while left > 0 {
                let count = min(left, spaces.count)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[..<count]))
                left -= count
            }
        }
    }

    /// A number in its shortest exact form, a whole one below 10¹⁵ with `.0`; `null` when nil or not finite.
    static func writeNumber(_ value: Double?, to output: inout [UInt8]) {
        guard let value, value.isFinite else {
            append("null", to: &output)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            writeInteger(Int64(value), to: &output)
            append(".0", to: &output)
        } else {
            var text = value.description
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }

    /// Appends the decimal digits of `value`, without making a string.
    static func writeInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// A string, quoted, with what JSON (and JavaScript) needs escaped.
    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            // Most strings need no escape: copied whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
                output.append(contentsOf: bytes)
                return
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &output)
                case UInt8(ascii: "\\"): append("\\\\", to: &output)
                case UInt8(ascii: "\n"): append("\\n", to: &output)
                case UInt8(ascii: "\r"): append("\\r", to: &output)
                case UInt8(ascii: "\t"): append("\\t", to: &output)
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80
                    && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    // U+2028 and U+2029 are valid JSON but end a line in JavaScript.
                    append(bytes[index + 1] == 0xA8 ? "\\u2028" : "\\u2029", to: &output)
                    index += 2
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// An object being written: `{`, then each key after a comma (but the first) and a line end, then
/// the line end and `}` (`{}` when it has no keys), as ``JSONValue`` writes objects.
struct JSONFields {
    private let indent: Int
    private let level: Int
    private var isEmpty = true

    /// Writes the `{` of an object nested `level` levels deep.
    init(opening output: inout [UInt8], indent: Int, level: Int) {
        (self.indent, self.level) = (indent, level)
        output.append(UInt8(ascii: "{"))
    }

    /// Writes the key of the next field (its value is to follow, at one level deeper).
    mutating func key(_ key: String, in output: inout [UInt8]) {
        separate(&output)
        JSONBytes.writeString(key, to: &output)
        colon(&output)
    }

    /// ``key(_:in:)`` for a key known when compiling, which needs no escaping.
    mutating func key(_ key: StaticString, in output: inout [UInt8]) {
        separate(&output)
        output.append(UInt8(ascii: "\""))
        JSONBytes.append(key, to: &output)
        output.append(UInt8(ascii: "\""))
        colon(&output)
    }

    /// Writes the `}`.
    func close(_ output: inout [UInt8]) {
        if !isEmpty { JSONBytes.newline(&output, indent: indent, level: level) }
        output.append(UInt8(ascii: "}"))
    }

    private mutating func separate(_ output: inout [UInt8]) {
        if !isEmpty { output.append(UInt8(ascii: ",")) }
        isEmpty = false
        JSONBytes.newline(&output, indent: indent, level: level + 1)
    }

    private func colon(_ output: inout [UInt8]) {
        if indent > 0 {
            JSONBytes.append(": ", to: &output)
        } else {
            output.append(UInt8(ascii: ":"))
        }
    }
}
