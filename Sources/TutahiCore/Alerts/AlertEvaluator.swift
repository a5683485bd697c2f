import TutahiPluginAPI

/// Evaluates alert rules against scored relationships: which rules hold for which relationships.
struct AlertEvaluator {
    let rules: [AlertRule]

    func evaluate(
        _ relationships: [RelationshipScore], earlier: [Period: [RelationshipKey: RelationshipScore]]
    ) -> [AlertObservation] {
        var observations: [AlertObservation] = []
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            for relationship in relationships {
                let scope = ExpressionScope(current: relationship, earlier: earlier)
                guard scope.evaluate(rule.condition).isTrue else { continue }
                let message = rule.message.render(
                    agency: relationship.agency, partner: relationship.partner, evaluate: scope.evaluate)
                observations.append(AlertObservation(
                    key: AlertKey(rule: rule.id, agency: relationship.agency.id, partner: relationship.partner.id),
                    severity: rule.severity, message: message))
            }
        }
        return observations
    }

    /// The message of `key`'s rule rendered for `relationship` now, whether the rule holds or not:
    /// what a resolved alert says (the value now, not its last firing value).
    func message(
        for key: AlertKey, relationship: RelationshipScore, earlier: [Period: [RelationshipKey: RelationshipScore]]
    ) -> String? {
        guard let rule = rules.first(where: { $0.id == key.rule }) else { return nil }
        let scope = ExpressionScope(current: relationship, earlier: earlier)
        return rule.message.render(agency: relationship.agency, partner: relationship.partner, evaluate: scope.evaluate)
    }
}

/// The names an expression sees for one relationship.
package struct ExpressionScope {
    let current: RelationshipScore
    let earlier: [Period: [RelationshipKey: RelationshipScore]]

    package init(current: RelationshipScore, earlier: [Period: [RelationshipKey: RelationshipScore]]) {
        self.current = current
        self.earlier = earlier
    }

    package func evaluate(_ expression: AlertExpression) -> ExpressionValue {
        switch expression {
        case .number(let value): return .number(value)
        case .name(let name): return Self.number(Self.score(of: name, in: current))
        case .call(.value, let id): return Self.number(current.indicators.first { $0.id == id }?.value)
        case .call(.n, let id): return Self.number(current.indicators.first { $0.id == id }.map { Double($0.n) })
        case .call(.score, let id): return Self.number(current.indicators.first { $0.id == id }?.score)
        case .call(.missing, let name): return .bool(Self.score(of: name, in: current) == nil)
        case .call(.change, _): return .null  // the parser always builds `.change(name, period)`
        case .change(let name, let period):
            guard let now = Self.score(of: name, in: current),
                let past = earlier[period]?[current.key].flatMap({ Self.score(of: name, in: $0) })
            else { return .null }
            return .number(now - past)
        case .negate(let inner):
            return Self.number(evaluate(inner).number.map { -$0 })
        case .not(let inner):
            return .bool(!evaluate(inner).isTrue)
        case .binary(let op, let lhs, let rhs):
            return binary(op, lhs, rhs)
        }
    }

    private func binary(_ op: AlertExpression.Operator, _ lhs: AlertExpression, _ rhs: AlertExpression)
        -> ExpressionValue
    {
        switch op {
        case .and: return .bool(evaluate(lhs).isTrue && evaluate(rhs).isTrue)
        case .or: return .bool(evaluate(lhs).isTrue || evaluate(rhs).isTrue)
        default: break
        }
        let left = evaluate(lhs), right = evaluate(rhs)
        let isComparison = [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(op)
        guard let a = left.number, let b = right.number else {
            if isComparison, op == .equal || op == .notEqual, case .bool(let x) = left, case .bool(let y) = right {
                return .bool(op == .equal ? x == y : x != y)
            }
            return isComparison ? .bool(false) : .null
        }
        switch op {
        case .less: return .bool(a < b)
        case .lessOrEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterOrEqual: return .bool(a >= b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return b == 0 ? .null : .number(a / b)
        case .and, .or: return .null
        }
    }

    private static func number(_ value: Double?) -> ExpressionValue {
        value.map { .number($0) } ?? .null
    }

    /// The score a name stands for: overall, coverage, a dimension or an indicator.
    static func score(of name: String, in relationship: RelationshipScore) -> Double? {
        switch name {
        case "overall": return relationship.overall.score
        case "coverage": return relationship.coverage
        default:
            if let dimension = relationship.dimensions.first(where: { $0.id == name }) { return dimension.result.score }
            return relationship.indicators.first { $0.id == name }?.score
        }
    }
}
