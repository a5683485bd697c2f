/// Collects checked interactions into an ``InteractionTable``, interning every repeated string.
///
/// The loader appends rows whose fields it has checked; the builder refuses a row whose id it has
/// already seen and resolves each `ref` to the row it names when the table is built.
package struct InteractionTableBuilder: Sendable {
    /// Party ids; a party's code is its position in the list given at creation.
    package let parties: ByteInterner
    private let partyIDs: [String]
    private var ids: ByteInterner
    private var kindNames = ByteInterner()
    private var kinds: [UInt32] = []
    private var senders: [Int32] = []
    private var receivers: [Int32] = []
    private var times: [Int64] = []
    private var dues: [Int64] = []
    private var referenceBytes: [UInt8] = []
    private var referenceEnds: [Int] = []
    private var attributeNames = ByteInterner()
    private var attributeValues: [ByteInterner] = []
    private var attributeCodes: [[UInt32]] = []

    /// Creates an empty builder for interactions between `partyIDs` (distinct ids).
    package init(partyIDs: [String], capacity: Int = 1024) {
        self.partyIDs = partyIDs
        parties = ByteInterner(partyIDs)
        ids = ByteInterner(capacity: capacity)
    }

    /// The number of rows appended.
    package var count: Int { times.count }

    /// The code of a kind, adding it when new.
    package mutating func kindCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(kindNames.intern(bytes).code)
    }

    /// The column of an attribute, adding it (empty for earlier rows) when new.
    package mutating func attributeColumn(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let (code, inserted) = attributeNames.intern(name)
        if inserted {
            attributeValues.append(ByteInterner())
            attributeCodes.append([UInt32](repeating: 0, count: count))
        }
        return Int(code)
    }

    /// The code (1-based; 0 means absent) of a value in an attribute column, adding it when new.
    package mutating func attributeValueCode(column: Int, _ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(attributeValues[column].intern(value).code + 1)
    }

    /// Appends one checked interaction; false (and nothing appended) when its id is already taken.
    ///
    /// `due` is nil for none; an empty `reference` means none; `attributes` holds a value code per
    /// column (missing trailing columns are absent).
    package mutating func append(
        id: UnsafeBufferPointer<UInt8>, kind: UInt32, from: Int32, to: Int32, at: Instant, due: Instant?,
        reference: UnsafeBufferPointer<UInt8>, attributes: UnsafeBufferPointer<UInt32>
    ) -> Bool {
        guard ids.intern(id).inserted else { return false }
        kinds.append(kind)
        senders.append(from)
        receivers.append(to)
        times.append(at.nanoseconds)
        dues.append(due?.nanoseconds ?? InteractionTable.noDue)
        referenceBytes.append(contentsOf: reference)
        referenceEnds.append(referenceBytes.count)
        for column in attributeCodes.indices {
            attributeCodes[column].append(column < attributes.count ? attributes[column] : 0)
        }
        return true
    }

    /// Appends `interaction` whose parties are known; false when a party is unknown or the id is taken.
    package mutating func append(_ interaction: Interaction) -> Bool {
        guard let from = parties.code(of: interaction.from), let to = parties.code(of: interaction.to) else {
            return false
        }
        var kindText = interaction.kind
        let kind = kindText.withUTF8 { kindCode($0) }
        var codes: [UInt32] = []
        for (name, value) in interaction.attributes where !value.isEmpty {
            var name = name, value = value
            let column = name.withUTF8 { attributeColumn($0) }
            if codes.count <= column { codes.append(contentsOf: repeatElement(0, count: column + 1 - codes.count)) }
            codes[column] = value.withUTF8 { attributeValueCode(column: column, $0) }
        }
        var id = interaction.id, reference = interaction.ref ?? ""
        return id.withUTF8 { id in
            reference.withUTF8 { reference in
                codes.withUnsafeBufferPointer { codes in
                    append(
                        id: id, kind: kind, from: from, to: to, at: interaction.at, due: interaction.due,
                        reference: reference, attributes: codes)
                }
            }
        }
    }

    /// The table, with every `ref` resolved to the row whose id it names.
    package consuming func build() -> InteractionTable {
        var references = [Int32](repeating: InteractionTable.noReference, count: count)
        var unresolved: [Int32: String] = [:]
        referenceBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for row in 0..<count {
                let end = referenceEnds[row]
                defer { start = end }
                guard end > start else { continue }
                let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if let target = ids.code(of: text) {
                    references[row] = target
                } else {
                    references[row] = InteractionTable.unresolvedReference
                    unresolved[Int32(row)] = String(decoding: text, as: UTF8.self)
                }
            }
        }
        return InteractionTable(
            ids: ids, kinds: kinds, kindNames: kindNames, senders: senders, receivers: receivers, partyIDs: partyIDs,
            parties: parties, times: times, dues: dues, references: references, unresolvedReferences: unresolved,
            attributeNames: attributeNames, attributeValues: attributeValues, attributeCodes: attributeCodes)
    }
}
