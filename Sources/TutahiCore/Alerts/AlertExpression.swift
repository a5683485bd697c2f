import TutahiPluginAPI

/// A parsed `when` expression of an alert rule.
public indirect enum AlertExpression: Sendable, Hashable {
    /// Arithmetic and comparison operators.
    public enum Operator: String, Sendable, Hashable {
        case or, and
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    /// The functions the language offers.
    public enum Function: String, Sendable, Hashable, CaseIterable {
        case value, n, score, change, missing
    }

    /// A number literal.
    case number(Double)
    /// `overall`, `coverage`, a dimension id or an indicator id: that score.
    case name(String)
    /// `value(id)`, `n(id)`, `score(id)`, `missing(name)`.
    case call(Function, String)
    /// `change(name, DURATION)`.
    case change(String, Period)
    /// Unary minus.
    case negate(AlertExpression)
    /// `not`.
    case not(AlertExpression)
    /// A binary operator.
    case binary(Operator, AlertExpression, AlertExpression)

    /// Every duration used in `change(…)`, so the engine can evaluate those earlier as-ofs once.
    public var changePeriods: Set<Period> {
        switch self {
        case .number, .name, .call: return []
        case .change(_, let period): return [period]
        case .negate(let inner), .not(let inner): return inner.changePeriods
        case .binary(_, let lhs, let rhs): return lhs.changePeriods.union(rhs.changePeriods)
        }
    }
}

/// The value of an expression: a number, a truth value, or null.
public enum ExpressionValue: Sendable, Hashable {
    /// No value: a missing score.
    case null
    /// A number.
    case number(Double)
    /// A truth value.
    case bool(Bool)

    /// True only for `true` and non-zero numbers.
    public var isTrue: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .number(let value): return value != 0
        }
    }

    /// The number, if any.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
