import TutahiPluginAPI
import TutahiColumns

/// Accepts interactions from every interaction file into one ``InteractionTable``, keeping the
/// rejected rows in load order until repeated ids are known (they are found when the table is built).
struct InteractionCollector: ~Copyable {
    let zone: Zone
    /// The accepted rows so far.
    var builder: InteractionTableBuilder
    /// Rows rejected so far, in load order.
    private(set) var rejected: [(origin: RowOrigin, rejection: Rejection)] = []
    /// JSON Lines rows accepted but not yet in the builder: gathered into a batch, so that a row
    /// costs what a CSV row does.
    private var pending = PendingRows()

    /// Accepted JSON Lines rows of one file, with a batch slot per attribute name seen; rows reach
    /// the batch through `staging`, as CSV rows do.
    private struct PendingRows: ~Copyable {
        var batch = InteractionBatch(attributes: 0)
        var staging = InteractionStaging(attributes: 0)
        var file = 0
        /// Per slot, its attribute's name and the builder's column for it.
        var names: [String] = []
        var columns: [Int] = []
        /// The bytes of ids, references and attribute values held.
        var bytes = 0
    }

    /// Rows are appended to the builder this many at a time.
    private static let batchRows = 65_536

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
        guard let from = builder.parties.code(of: fields.from) else { throw Rejection(.unknownParty, field: "from") }
        guard let to = builder.parties.code(of: fields.to) else { throw Rejection(.unknownParty, field: "to") }
        if pending.batch.count + pending.staging.count > 0, pending.file != Int(origin.file) { flush() }
        pending.file = Int(origin.file)
        var fresh: [String] = []
        for (name, value) in fields.attributes where !value.isEmpty && !pending.names.contains(name) {
            fresh.append(name)
        }
        if !fresh.isEmpty {
            // A new name: absent for the rows before this one, which go to the batch first.
            pending.staging.flush(into: &pending.batch)
            for name in fresh.sorted() {
                var bytes = name
                pending.columns.append(bytes.withUTF8 { builder.attributeColumn($0) })
                pending.names.append(name)
                _ = pending.batch.addSlot(absentFor: pending.batch.count)
            }
            pending.staging = InteractionStaging(attributes: pending.names.count)
        }
        var id = fields.id, kind = fields.kind, reference = fields.ref ?? ""
        id.withUTF8 { id in
            kind.withUTF8 { kind in
                reference.withUTF8 { reference in
                    pending.staging.append(
                        id: id, kind: kind, from: from, to: to, at: at.start(in: zone), due: due, dueIsDate: dueIsDate,
                        reference: reference, line: Int(origin.line), to: &pending.batch)
                }
            }
        }
        for (slot, name) in pending.names.enumerated() {
            var value = fields.attributes[name] ?? ""
            pending.bytes += value.utf8.count
            value.withUTF8 { pending.staging.appendAttribute(slot: slot, $0, to: &pending.batch) }
        }
        pending.bytes += fields.id.utf8.count + reference.utf8.count
        if pending.batch.count + pending.staging.count >= Self.batchRows { flush() }
    }

    /// True when a row of `bytes` more bytes still fits beside those accepted (see
    /// ``InteractionTableBuilder/canAppend(idBytes:)``).
    func canAppend(bytes: Int) -> Bool { builder.canAppend(idBytes: pending.bytes + bytes) }

    /// Appends the accepted JSON Lines rows not yet in the builder (at the end of each such file,
    /// so that rows stay in load order).
    mutating func flush() {
        pending.staging.flush(into: &pending.batch)
        guard pending.batch.count > 0 else { return }
        builder.append(pending.batch, file: pending.file, firstLine: 1, columns: pending.columns)
        pending = PendingRows()
    }

    /// The table, and every rejected row (repeated ids included) recorded in `log` in load order;
    /// `files` names the interaction files by position.
    mutating func finish(files: [String], workers: Int, into log: inout RejectionLog) -> InteractionTable {
        flush()
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
