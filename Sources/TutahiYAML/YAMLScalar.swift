/// A scalar as written and as resolved by the YAML 1.2 core schema.
public struct YAMLScalar: Sendable, Hashable {
    /// The value a scalar resolves to.
    public enum Value: Sendable, Hashable {
        /// `null`, `~` or an empty plain scalar.
        case null
        /// `true` or `false` (any of the core schema's spellings).
        case bool(Bool)
        /// A decimal, octal (`0o`) or hexadecimal (`0x`) integer.
        case int(Int)
        /// A floating-point number, `.inf` or `.nan`.
        case float(Double)
        /// Anything else, and every quoted or block scalar.
        case string(String)

        /// "a string", "a number", … for error messages.
        public var kindDescription: String {
            switch self {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .string: return "a string"
            }
        }
    }

    /// The text as written (after YAML's escapes and folding).
    public var text: String
    /// True when written without quotes or block indicators.
    public var isPlain: Bool
    /// The resolved value.
    public var value: Value

    /// Resolves `text` by the core schema when `isPlain`, else as a string.
    public init(text: String, isPlain: Bool) {
        self.text = text
        self.isPlain = isPlain
        self.value = isPlain ? CoreSchema.resolve(text) : .string(text)
    }

    /// Builds a scalar with an explicit value (for explicit `!!` tags).
    public init(text: String, isPlain: Bool, value: Value) {
        self.text = text
        self.isPlain = isPlain
        self.value = value
    }
}

/// The YAML 1.2 core schema's resolution of plain scalars.
public enum CoreSchema {
    /// The value a plain scalar with this text resolves to.
    public static func resolve(_ text: String) -> YAMLScalar.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let int = integer(text) { return .int(int) }
        if isFloat(text), let double = Double(text) { return .float(double) }
        return .string(text)
    }

    private static func integer(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return Int(text.dropFirst(2), radix: 8) }
            if bytes[1] == UInt8(ascii: "x") { return Int(text.dropFirst(2), radix: 16) }
        }
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 48, b <= 57 { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        if let b = bytes.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let whole = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
