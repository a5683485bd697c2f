import TutahiPluginAPI

/// The JSON request an exec plugin reads on standard input.
struct ExecRequest {
    let configuration: JSONValue
    let context: MeasurementContext

    func json(for relationships: [RelationshipEvidence]) -> JSONValue {
        let zone = context.zone
        return .object([
            ("protocol", .string("tutahi.plugin/1")),
            ("indicator", configuration),
            ("as_of", .string(zone.format(context.asOf))),
            ("window", .object([
                ("start", .string(zone.format(context.window.start))), ("end", .string(zone.format(context.window.end))),
            ])),
            ("timezone", .string(zone.identifier)),
            ("wants_evidence", .bool(context.wantsEvidence)),
            ("relationships", .array(relationships.map(relationship))),
        ])
    }

    private func party(_ party: Party) -> JSONValue {
        .object([
            ("id", .string(party.id)), ("name", .string(party.name)), ("kind", .string(party.kind)),
            ("region", .string(party.region)), ("tags", .array(party.tags.map { .string($0) })),
        ])
    }

    private func relationship(_ evidence: RelationshipEvidence) -> JSONValue {
        let zone = context.zone
        let surveys = evidence.surveys.filter { context.window.contains($0.submittedAt) }.map { response in
            JSONValue.object([
                ("response_id", .string(response.id)), ("respondent", .string(response.respondent)),
                ("submitted_at", .string(zone.format(response.submittedAt))),
                ("answers", .object(response.answers.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ])
        }
        let interactions = evidence.interactions.filter { context.window.contains($0.at) }.map { event in
            JSONValue.object([
                ("id", .string(event.id)), ("kind", .string(event.kind)), ("from", .string(event.from)),
                ("to", .string(event.to)), ("at", .string(zone.format(event.at))), ("ref", .string(event.ref)),
                ("due", .string(event.due.map(zone.format))),
                ("attributes", .object(event.attributes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ])
        }
        return .object([
            ("agency", party(evidence.agency)), ("partner", party(evidence.partner)),
            ("surveys", .array(surveys)), ("interactions", .array(interactions)),
        ])
    }
}
