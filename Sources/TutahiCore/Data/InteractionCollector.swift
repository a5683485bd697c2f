import TutahiPluginAPI

/// Accepts interactions from every interaction file into one ``InteractionTable``, keeping the
/// rejected rows in load order until repeated ids are known (they are found when the table is built).
struct InteractionCollector {
    let zone: Zone
    /// The accepted rows so far.
    var builder: InteractionTableBuilder
    /// Rows rejected so far, in load order.
    private(set) var rejected: [(origin: RowOrigin, rejection: Rejection)] = []

    init(parties: [String: Party], zone: Zone) {
        self.zone = zone
        let ids = parties.keys.sorted()
        builder = InteractionTableBuilder(partyIDs: ids, isAgency: ids.map { parties[$0]?.isAgency ?? false })
    }

    /// The fields of one record, as text (the JSON Lines path; CSV goes through ``InteractionCSVLoader``).
    struct Fields {
        var id = "", kind = "", from = "", to = "", at = ""
        var ref: String?
        var due: String?
        var attributes: [String: String] = [:]
    }

    /// Notes a rejected row (rows arrive in load order).
    mutating func reject(_ rejection: Rejection, at origin: RowOrigin) {
        rejected.append((origin, rejection))
    }

    /// Checks `fields` in the order of docs/reference.md's "Rejected rows", up to duplicates and accepts the interaction, or
    /// throws why not.
    mutating func accept(_ fields: Fields, at origin: RowOrigin) throws(Rejection) {
        for (name, value) in [("id", fields.id), ("kind", fields.kind), ("from", fields.from), ("to", fields.to),
            ("at", fields.at)] where value.isEmpty {
            throw Rejection(.missingField, field: name)
        }
        guard let at = Timestamp.parse(fields.at) else { throw Rejection(.badTimestamp, field: "at") }
        var due: Instant?
        var dueIsDate = false
        if let text = fields.due, !text.isEmpty {
            guard let parsed = Timestamp.parse(text) else { throw Rejection(.badTimestamp, field: "due") }
            due = parsed.end(in: zone)
            if case .date = parsed { dueIsDate = true }
        }
        guard builder.parties.code(of: fields.from) != nil else { throw Rejection(.unknownParty, field: "from") }
        guard builder.parties.code(of: fields.to) != nil else { throw Rejection(.unknownParty, field: "to") }
        let interaction = Interaction(
            id: fields.id, kind: fields.kind, from: fields.from, to: fields.to, at: at.start(in: zone),
            ref: fields.ref.flatMap { $0.isEmpty ? nil : $0 }, due: due, dueIsDate: dueIsDate,
            attributes: fields.attributes)
        _ = builder.append(interaction, origin: origin)
    }

    /// The table, and every rejected row (repeated ids included) recorded in `log` in load order;
    /// `files` names the interaction files by position.
    mutating func finish(files: [String], workers: Int, into log: inout RejectionLog) -> InteractionTable {
        // The builder is taken out, so that building lets go of each column as soon as it is rearranged.
        let builder = self.builder
        self.builder = InteractionTableBuilder(partyIDs: [], isAgency: [])
        let (table, duplicates) = builder.build(workers: workers)
        var pending = rejected[...]
        for origin in duplicates {
            while let next = pending.first, next.origin < origin {
                log.record(next.rejection, file: files[Int(next.origin.file)], line: Int(next.origin.line))
                pending.removeFirst()
            }
            log.record(Rejection(.duplicate, field: "id"), file: files[Int(origin.file)], line: Int(origin.line))
        }
        for next in pending {
            log.record(next.rejection, file: files[Int(next.origin.file)], line: Int(next.origin.line))
        }
        return table
    }
}
