/// One field of a cron expression: the set of values it allows.
struct CronField: Sendable, Hashable {
    /// Which field, with its range and names.
    enum Kind: Sendable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day of month"
            case .month: "month"
            case .dayOfWeek: "day of week"
            }
        }

        var names: [String] {
            switch self {
            case .month: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            case .dayOfWeek: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            default: []
            }
        }

        var firstNamedValue: Int { self == .month ? 1 : 0 }
    }

    private var bits: UInt64 = 0
    /// False only for a field written `*` (`*/2` restricts, as croniter and robfig/cron read it).
    let isRestricted: Bool

    /// The allowed values, ascending.
    var values: [Int] { (0..<64).filter { bits & (1 << UInt64($0)) != 0 } }

    /// True when `value` is allowed.
    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    init(_ text: Substring, kind: Kind, offset: Int) throws(CronExpression.ParseError) {
        isRestricted = text != "*"
        var itemOffset = offset
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            try add(item, kind: kind, offset: itemOffset)
            itemOffset += item.count + 1
        }
        if kind == .dayOfWeek, contains(7) {
            bits = bits & ~(1 << 7) | 1
        }
    }

    private mutating func add(_ item: Substring, kind: Kind, offset: Int) throws(CronExpression.ParseError) {
        func fail(_ message: String) -> CronExpression.ParseError {
            .init(message: "\(kind.name) `\(item)`: \(message)", offset: offset)
        }
        guard !item.isEmpty else { throw fail("expected a value, a range or `*`") }
        let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var step = 1
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed > 0 else { throw fail("the step after `/` must be a whole number of at least 1") }
            step = parsed
        }
        let range: ClosedRange<Int>
        if parts[0] == "*" {
            range = kind == .dayOfWeek ? 0...6 : kind.range
        } else {
            let bounds = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let low = try value(bounds[0], kind: kind, fail: fail)
            let high = bounds.count == 2 ? try value(bounds[1], kind: kind, fail: fail) : (parts.count == 2 ? kind.range.upperBound : low)
            guard low <= high else { throw fail("a range must go from low to high") }
            range = low...high
        }
        for value in stride(from: range.lowerBound, through: range.upperBound, by: step) { bits |= 1 << UInt64(value) }
    }

    private func value(
        _ text: Substring, kind: Kind, fail: (String) -> CronExpression.ParseError
    ) throws(CronExpression.ParseError) -> Int {
        if let number = Int(text) {
            guard kind.range.contains(number) else {
                throw fail("expected \(kind.range.lowerBound)–\(kind.range.upperBound), found \(number)")
            }
            return number
        }
        if let index = kind.names.firstIndex(of: text.lowercased()) { return index + kind.firstNamedValue }
        let expected = kind.names.isEmpty ? "a number" : "a number or a name such as `\(kind.names[1])`"
        throw fail("expected \(expected)")
    }
}
