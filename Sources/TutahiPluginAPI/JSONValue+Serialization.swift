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
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .int(let value): Self.writeInteger(Int64(value), to: &output)
        case .number(let value):
            if !value.isFinite {
                output += "null".utf8
            } else if value == value.rounded(), abs(value) < 1e15 {
                Self.writeInteger(Int64(value), to: &output)
                output += ".0".utf8
            } else {
                output += value.description.utf8
            }
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let items):
            if items.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent, level: level + 1)
                item.write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent, level: level + 1)
                Self.writeString(key, to: &output)
                output += (indent > 0 ? ": " : ":").utf8
                value.write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ output: inout [UInt8], indent: Int, level: Int) {
        guard indent > 0 else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    /// Appends the decimal digits of `value`, without making a string.
    private static func writeInteger(_ value: Int64, to output: inout [UInt8]) {
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
            output.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
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
                case UInt8(ascii: "\""): output += "\\\"".utf8
                case UInt8(ascii: "\\"): output += "\\\\".utf8
                case UInt8(ascii: "\n"): output += "\\n".utf8
                case UInt8(ascii: "\r"): output += "\\r".utf8
                case UInt8(ascii: "\t"): output += "\\t".utf8
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80
                    && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    // U+2028 and U+2029 are valid JSON but end a line in JavaScript.
                    output += (bytes[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                    index += 2
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
