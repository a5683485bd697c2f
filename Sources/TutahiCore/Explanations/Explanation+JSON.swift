import TutahiPluginAPI

extension Explanation {
    /// The `tutahi.explain/1` object; with `limit`, each evidence list keeps its first `limit`
    /// entries and gains a count of the rest beside it (`"more": K` for `items`, `"more_KEY": K`
    /// for another list).
    public func json(limit: Int? = nil) -> JSONValue {
        .object([
            ("schema", .string("tutahi.explain/1")),
            ("as_of", .string(zone.format(asOf))),
            ("compare_to", .string(comparedTo.map(zone.format))),
            ("relationships", .array(relationships.map { relationship($0, limit: limit) })),
        ])
    }

    private func relationship(_ explanation: RelationshipExplanation, limit: Int?) -> JSONValue {
        let score = explanation.score
        return .object([
            ("agency", .string(score.agency.id)), ("partner", .string(score.partner.id)),
            ("overall", .object([
                ("score", .number(score.overall.score)),
                ("previous", .number(comparedTo == nil ? nil : explanation.previousOverall)),
            ])),
            ("contributions", .array(explanation.contributions.map(contribution))),
            ("evidence", .object(explanation.evidence.map { ($0.indicator, Self.limited($0.evidence, to: limit)) })),
        ])
    }

    private func contribution(_ contribution: Contribution) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("indicator", .string(contribution.indicator)), ("dimension", .string(contribution.dimension)),
            ("score", .number(contribution.score)), ("share", .number(contribution.share)),
            ("points", .number(contribution.points)),
        ]
        if let previous = contribution.previous, let change = contribution.change {
            pairs += [
                ("previous_score", .number(previous.score)), ("previous_points", .number(previous.points)),
                ("change", .number(change)),
            ]
        }
        return .object(pairs)
    }

    /// `evidence` with each list cut to `limit` entries and the number cut beside it.
    static func limited(_ evidence: JSONValue, to limit: Int?) -> JSONValue {
        guard let limit, case .object(let pairs) = evidence else { return evidence }
        var result: [(String, JSONValue)] = []
        for (key, value) in pairs {
            guard case .array(let list) = value, list.count > limit else {
                result.append((key, value))
                continue
            }
            result.append((key, .array(Array(list.prefix(limit)))))
            result.append((key == "items" ? "more" : "more_\(key)", .int(list.count - limit)))
        }
        return .object(result)
    }
}
