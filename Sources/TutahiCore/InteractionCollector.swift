import TutahiPluginAPI

/// Accepts interactions from every interaction file, checking fields, parties and duplicate ids,
/// into one ``InteractionTable``.
struct InteractionCollector {
    let zone: Zone
    /// The accepted rows so far.
    var builder: InteractionTableBuilder

    init(parties: [String: Party], zone: Zone) {
        self.zone = zone
        builder = InteractionTableBuilder(partyIDs: parties.keys.sorted(), capacity: 1 << 16)
    }

    /// The fields of one record, as text (the JSON Lines path; CSV goes through ``InteractionCSVLoader``).
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
        guard builder.parties.code(of: fields.from) != nil else { throw Rejection(.unknownParty, field: "from") }
        guard builder.parties.code(of: fields.to) != nil else { throw Rejection(.unknownParty, field: "to") }
        let interaction = Interaction(
            id: fields.id, kind: fields.kind, from: fields.from, to: fields.to, at: at.start(in: zone),
            ref: fields.ref.flatMap { $0.isEmpty ? nil : $0 }, due: due, attributes: fields.attributes)
        guard builder.append(interaction) else { throw Rejection(.duplicate, field: "id") }
    }
}
