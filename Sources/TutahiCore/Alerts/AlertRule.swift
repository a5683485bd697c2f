#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI

/// One configured alert rule.
public struct AlertRule: Sendable {
    /// The rule's id.
    public var id: String
    /// The `when` expression as written.
    public var source: String
    /// The parsed `when` expression.
    public var condition: AlertExpression
    /// The severity.
    public var severity: AlertRecord.Severity
    /// Consecutive runs the rule must hold before it fires.
    public var consecutiveRuns: Int
    /// The message template.
    public var message: MessageTemplate
    /// How long a firing alert waits before it is notified again.
    public var repeatAfter: Period

    /// Every duration used in `change(…)`, in the condition or the message.
    public var changePeriods: Set<Period> {
        condition.changePeriods.union(message.changePeriods)
    }
}

/// A message with `{expr}` placeholders and `{agency}`, `{partner}`, `{agency_name}`, `{partner_name}`.
public struct MessageTemplate: Sendable {
    /// A piece of a message.
    public enum Part: Sendable {
        /// Text as written.
        case text(String)
        /// An expression, written with one decimal (or `n/a`).
        case expression(AlertExpression)
        /// One of the relationship's ids or names.
        case party(PartyField)
    }

    /// The relationship fields a message may name.
    public enum PartyField: String, Sendable, CaseIterable {
        case agency, partner
        case agencyName = "agency_name"
        case partnerName = "partner_name"
    }

    /// The parts, in order.
    public var parts: [Part]

    /// Every duration used in `change(…)`.
    public var changePeriods: Set<Period> {
        parts.reduce(into: []) { result, part in
            if case .expression(let expression) = part { result.formUnion(expression.changePeriods) }
        }
    }

    /// Renders the message; `evaluate` gives each expression's value.
    public func render(agency: Party, partner: Party, evaluate: (AlertExpression) -> ExpressionValue) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .party(.agency): return agency.id
            case .party(.partner): return partner.id
            case .party(.agencyName): return agency.name
            case .party(.partnerName): return partner.name
            case .expression(let expression): return Self.format(evaluate(expression))
            }
        }.joined()
    }

    /// One decimal for numbers, none for a whole number (within 1e-9: `5 requests`, `-3`), `n/a`
    /// for null.
    static func format(_ value: ExpressionValue) -> String {
        switch value {
        case .null: return "n/a"
        case .bool(let truth): return truth ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { return "n/a" }
            let whole = number.rounded()
            if abs(number - whole) <= 1e-9, abs(whole) < 1e15 {
                return whole == 0 ? "0" : String(Int64(whole))
            }
            return OneDecimal.format(number)
        }
    }
}

/// Formats numbers with one decimal, rounding the exact binary value half to even as printf does.
public enum OneDecimal {
    /// `value` with one decimal, as `printf("%.1f")` writes it.
    public static func format(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.1f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
