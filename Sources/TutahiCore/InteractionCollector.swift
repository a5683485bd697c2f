import Foundation
import TutahiPluginAPI

/// Accepts interactions from every interaction file, checking fields, parties and duplicate ids.
struct InteractionCollector {
    let parties: [String: Party]
    let zone: Zone
    private(set) var interactions: [Interaction] = []
    private var ids: Set<String> = []
    /// Attribute sets seen so far: rows with equal attributes share one dictionary's storage
    /// (most rows repeat a handful of channel and mode combinations).
    private var attributeSets: Set<[String: String]> = []
    private static let attributeSetLimit = 4_096

    init(parties: [String: Party], zone: Zone) {
        self.parties = parties
        self.zone = zone
    }

    /// The fields of one record, as text.
    struct Fields {
        var id = "", kind = "", from = "", to = "", at = ""
        var ref: String?
        var due: String?
        var attributes: [String: String] = [:]
    }

    /// Checks `fields` in the contract's order and accepts the interaction, or throws why not.
    mutating func accept(_ fields: Fields) throws(Rejection) {
        for (name, value) in [("id", fields.id), ("kind", fields.kind), ("from", fields.from), ("to", fields.to),
            ("at", fields.at)] where value.isEmpty {
            throw Rejection(.missingField, field: name)
        }
        guard let at = Timestamp.parse(fields.at) else { throw Rejection(.badTimestamp, field: "at") }
        var due: Instant?
        if let text = fields.due, !text.isEmpty {
            guard let parsed = Timestamp.parse(text) else { throw Rejection(.badTimestamp, field: "due") }
            due = parsed.end(in: zone)
        }
        guard parties[fields.from] != nil else { throw Rejection(.unknownParty, field: "from") }
        guard parties[fields.to] != nil else { throw Rejection(.unknownParty, field: "to") }
        guard !ids.contains(fields.id) else { throw Rejection(.duplicate, field: "id") }
        ids.insert(fields.id)
        let ref = fields.ref.flatMap { $0.isEmpty ? nil : $0 }
        interactions.append(Interaction(
            id: fields.id, kind: fields.kind, from: fields.from, to: fields.to, at: at.start(in: zone), ref: ref,
            due: due, attributes: shared(fields.attributes)))
    }

    /// `attributes`, sharing storage with an equal set seen before.
    private mutating func shared(_ attributes: [String: String]) -> [String: String] {
        guard !attributes.isEmpty else { return [:] }
        if let index = attributeSets.firstIndex(of: attributes) { return attributeSets[index] }
        if attributeSets.count < Self.attributeSetLimit { attributeSets.insert(attributes) }
        return attributes
    }
}
