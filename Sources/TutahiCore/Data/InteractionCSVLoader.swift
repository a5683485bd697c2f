import TutahiPluginAPI
import TutahiColumns

/// Reads one interaction CSV file into the table being built: pieces of the file are checked on
/// several threads, then appended in file order, so ids, rejections and rows come out exactly as a
/// one-thread read would give them.
struct InteractionCSVLoader {
    let displayName: String
    /// The file's position in the configuration's list.
    let index: Int
    let path: String
    let zone: Zone
    var blocks: CSVBlocks

    /// What each column of the file is.
    private enum Role {
        case id, kind, from, to, at, ref, due
        case attribute(Int)
        case ignored
    }

    /// The checked rows of one piece, and the rows it rejected.
    private struct Piece {
        var bytes: Int
        var rows: InteractionBatch
        var rejections: [(line: Int, rejection: Rejection)] = []
    }

    func load(into collector: inout InteractionCollector) throws(DataLoadError) {
        var roles: [Role] = []
        var columnCount = 0
        var attributeColumns: [Int] = []
        let parties = collector.builder.parties
        let fileSize = CSVBlocks.size(of: path) ?? 0
        var reserved = false
        // Which attribute slots' columns are kept as text: their values are then taken as written.
        var keptAsText: [Bool] = []
        do {
            try blocks.read(
                path: path,
                header: { record in
                    let header = try CSVHeader(record, required: ["id", "kind", "from", "to", "at"], file: displayName)
                    columnCount = header.count
                    var attributeNames: [String] = []
                    var attributeSlots: [String: Int] = [:]
                    // A repeated standard column: the last one counts, as a field map would have it.
                    let standard = ["id": Role.id, "kind": .kind, "from": .from, "to": .to, "at": .at, "ref": .ref, "due": .due]
                    let lastStandard = Dictionary(
                        header.names.enumerated().filter { standard[$0.element] != nil }.map { ($0.element, $0.offset) },
                        uniquingKeysWith: { $1 })
                    roles = header.names.enumerated().map { index, name in
                        if let role = standard[name] { return lastStandard[name] == index ? role : .ignored }
                        if let slot = attributeSlots[name] { return .attribute(slot) }
                        attributeSlots[name] = attributeNames.count
                        attributeNames.append(name)
                        return .attribute(attributeNames.count - 1)
                    }
                    attributeColumns = attributeNames.map { name in
                        var name = name
                        return name.withUTF8 { collector.builder.attributeColumn($0) }
                    }
                },
                parse: { piece in
                    parse(
                        piece, roles: roles, columns: columnCount, attributes: attributeColumns.count, keptAsText: keptAsText,
                        parties: parties)
                },
                merge: { piece, firstLine in
                    try merge(
                        piece, firstLine: firstLine, attributeColumns: attributeColumns, fileSize: fileSize,
                        reserved: &reserved, into: &collector)
                    keptAsText = attributeColumns.map { collector.builder.keepsAsText(column: $0) }
                },
                oversized: { line in collector.reject(Rejection(.badCSV), at: RowOrigin(file: index, line: line)) })
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: displayName, message: "\(error)")
        }
    }

    /// Where each standard field is in a record (-1: not in the file), and which columns feed each
    /// attribute slot, in column order (the first non-empty one counts).
    private struct Layout {
        var id = -1, kind = -1, from = -1, to = -1, at = -1, ref = -1, due = -1
        var slots: [[Int]] = []
        /// Each slot's one column, when no attribute name is repeated in the header (nearly always).
        var singleColumns: [Int]?

        init(roles: [Role], attributes: Int) {
            slots = Array(repeating: [], count: attributes)
            for (index, role) in roles.enumerated() {
                switch role {
                case .id: id = index
                case .kind: kind = index
                case .from: from = index
                case .to: to = index
                case .at: at = index
                case .ref: ref = index
                case .due: due = index
                case .attribute(let slot): slots[slot].append(index)
                case .ignored: break
                }
            }
            if slots.allSatisfy({ $0.count == 1 }) { singleColumns = slots.map { $0[0] } }
        }
    }

    /// Checks every record of `piece` in the order of docs/reference.md's "Rejected rows", up to (not including) duplicates.
    private func parse(
        _ piece: CSVPiece, roles: [Role], columns: Int, attributes: Int, keptAsText: [Bool], parties: ByteInterner
    ) -> (Piece, lineEnds: Int) {
        var rows = InteractionBatch(attributes: attributes, keptAsText: keptAsText)
        var staging = InteractionStaging(attributes: attributes)
        var rejections: [(line: Int, rejection: Rejection)] = []
        let layout = Layout(roles: roles, attributes: attributes)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        func field(_ fields: CSVFields, _ index: Int) -> UnsafeBufferPointer<UInt8> { index < 0 ? empty : fields[index] }
        let lineEnds = piece.forEachRecord { fields in
            do throws(Rejection) {
                guard fields.problem == nil, fields.count == columns, fields.isValidUTF8 else { throw Rejection(.badCSV) }
                let id = fields[layout.id], kind = fields[layout.kind], from = fields[layout.from]
                let to = fields[layout.to], at = fields[layout.at]
                if id.isEmpty || kind.isEmpty || from.isEmpty || to.isEmpty || at.isEmpty {
                    let name = id.isEmpty ? "id" : kind.isEmpty ? "kind" : from.isEmpty ? "from" : to.isEmpty ? "to" : "at"
                    throw Rejection(.missingField, field: name)
                }
                guard let time = Timestamp.parse(at) else { throw Rejection(.badTimestamp, field: "at") }
                var deadline: Instant?
                var deadlineIsDate = false
                let due = field(fields, layout.due)
                if !due.isEmpty {
                    guard let parsed = Timestamp.parse(due) else { throw Rejection(.badTimestamp, field: "due") }
                    deadline = parsed.end(in: zone)
                    if case .date = parsed { deadlineIsDate = true }
                }
                guard let sender = parties.code(of: from) else { throw Rejection(.unknownParty, field: "from") }
                guard let receiver = parties.code(of: to) else { throw Rejection(.unknownParty, field: "to") }
                staging.append(
                    id: id, kind: kind, from: sender, to: receiver, at: time.start(in: zone), due: deadline,
                    dueIsDate: deadlineIsDate, reference: field(fields, layout.ref), line: fields.line, to: &rows)
                if let single = layout.singleColumns {
                    for slot in single.indices { staging.appendAttribute(slot: slot, fields[single[slot]], to: &rows) }
                } else {
                    for (slot, columns) in layout.slots.enumerated() {
                        var value = empty
                        for column in columns where !fields[column].isEmpty {
                            value = fields[column]
                            break
                        }
                        staging.appendAttribute(slot: slot, value, to: &rows)
                    }
                }
            } catch {
                rejections.append((fields.line, error))
            }
        }
        staging.flush(into: &rows)
        return (Piece(bytes: piece.bytes.count, rows: rows, rejections: rejections), lineEnds)
    }

    /// Appends `piece`'s rows in order, and its rejections.
    private func merge(
        _ piece: Piece, firstLine: Int, attributeColumns: [Int], fileSize: Int, reserved: inout Bool,
        into collector: inout InteractionCollector
    ) throws(DataLoadError) {
        for (line, rejection) in piece.rejections {
            collector.reject(rejection, at: RowOrigin(file: index, line: firstLine + line - 1))
        }
        guard collector.builder.canAppend(idBytes: piece.bytes) else {
            throw InteractionFileLoader.tooLarge(displayName)
        }
        if !reserved, piece.rows.count > 0 {
            // Size the columns once from the first piece's rows per byte, rather than let them double.
            reserved = true
            let rows = Int(Double(fileSize) / Double(piece.bytes) * Double(piece.rows.count) * 1.02)
            let perRow = Double(rows) / Double(piece.rows.count)
            collector.builder.reserveCapacity(
                rows: rows, idBytes: Int(Double(piece.rows.ids.byteCount) * perRow),
                references: Int(Double(piece.rows.referenceRows.count) * perRow),
                referenceBytes: Int(Double(piece.rows.referenceTexts.byteCount) * perRow))
        }
        collector.builder.append(piece.rows, file: index, firstLine: firstLine, columns: attributeColumns)
    }
}
