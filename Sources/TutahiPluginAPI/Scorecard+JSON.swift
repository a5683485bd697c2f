extension Scorecard {
    /// The `tutahi.scorecard/1` JSON object (its fields: docs/reference.md and the README).
    public var jsonValue: JSONValue {
        .object([
            ("schema", .string("tutahi.scorecard/1")),
            ("as_of", .string(zone.format(asOf))),
            ("timezone", .string(zone.identifier)),
            ("relationships", .array(relationships.map(\.jsonValue))),
            ("agencies", .array(agencies.map(\.jsonValue))),
            ("alerts", .array(alerts.map(\.jsonValue))),
            ("data_issues", dataIssues.jsonValue),
        ])
    }
}

extension RelationshipScore {
    /// The relationship's object in the scorecard.
    public var jsonValue: JSONValue {
        .object([
            ("agency", .string(agency.id)),
            ("partner", .string(partner.id)),
            ("overall", .object([
                ("score", .number(overall.score)), ("status", .string(overall.status.rawValue)),
                ("coverage", .number(coverage)),
            ])),
            ("dimensions", .object(dimensions.map { ($0.id, $0.result.jsonValue) })),
            ("indicators", .object(indicators.map { ($0.id, $0.jsonValue) })),
        ])
    }
}

extension ScoredStatus {
    /// `{"score": …, "status": …}`.
    public var jsonValue: JSONValue {
        .object([("score", .number(score)), ("status", .string(status.rawValue))])
    }
}

extension IndicatorResult {
    /// The indicator's object in a relationship.
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("value", .number(value)), ("score", .number(score)), ("n", .int(n)),
            ("status", .string(status.rawValue)), ("detail", .object(detail)),
        ]
        if let error { pairs.append(("error", .string(error))) }
        return .object(pairs)
    }
}

extension AgencySummary {
    /// The agency's roll-up object.
    public var jsonValue: JSONValue {
        .object([
            ("agency", .string(agency.id)), ("relationships", .int(relationships)), ("scored", .int(scored)),
            ("score", .number(score)), ("status", .string(status.rawValue)), ("green", .int(green)),
            ("amber", .int(amber)), ("red", .int(red)), ("percentile", .number(percentile)),
        ])
    }
}

extension AlertRecord {
    /// The alert's object.
    public var jsonValue: JSONValue {
        .object([
            ("rule", .string(rule)), ("severity", .string(severity.rawValue)), ("state", .string(state.rawValue)),
            ("agency", .string(agency)), ("partner", .string(partner)), ("message", .string(message)),
        ])
    }
}

extension DataIssues {
    /// The `data_issues` object.
    public var jsonValue: JSONValue {
        .object([
            ("rejected", .int(rejected)),
            ("by_reason", .object(byReason.map { ($0.reason.rawValue, .int($0.count)) })),
            ("first", .array(first.map { .object([
                ("file", .string($0.file)), ("line", .int($0.line)), ("reason", .string($0.reason.rawValue)),
            ]) })),
        ])
    }
}
