import TutahiPluginAPI
import TutahiColumns

/// Checked interactions from one piece of a file, with codes local to the piece, appended to an
/// ``InteractionTableBuilder`` column by column (threads fill batches; one thread appends them).
package struct InteractionBatch: Sendable {
    package var ids = ByteStrings()
    package var idHashes: [UInt32] = []
    package var references = ByteStrings()
    package var referenceHashes: [UInt32] = []
    /// Kinds seen in the batch; `kindCodes` index them.
    package var kinds = ByteInterner()
    package var kindCodes: [UInt32] = []
    package var senders: [Int32] = []
    package var receivers: [Int32] = []
    package var times: [Int64] = []
    package var dues: [Int64] = []
    package var duesAreDates: [Bool] = []
    /// Per attribute slot: the values seen, and per row a 1-based code into them (0: absent).
    package var attributeValues: [ByteInterner]
    package var attributeCodes: [[UInt32]]
    /// Each row's line, counted from 1 at the start of the piece.
    package var lines: [Int32] = []

    /// An empty batch with `attributes` attribute slots.
    package init(attributes: Int) {
        attributeValues = Array(repeating: ByteInterner(), count: attributes)
        attributeCodes = Array(repeating: [], count: attributes)
    }

    /// The number of rows.
    package var count: Int { times.count }

    /// Appends one checked row; then call ``setAttributes(_:)``.
    package mutating func append(
        id: UnsafeBufferPointer<UInt8>, kind: UnsafeBufferPointer<UInt8>, from: Int32, to: Int32, at: Instant,
        due: Instant?, dueIsDate: Bool = false, reference: UnsafeBufferPointer<UInt8>, line: Int
    ) {
        ids.append(id)
        idHashes.append(ByteInterner.hash(id))
        references.append(reference)
        referenceHashes.append(reference.isEmpty ? 0 : ByteInterner.hash(reference))
        kindCodes.append(UInt32(kinds.intern(kind).code))
        senders.append(from)
        receivers.append(to)
        times.append(at.nanoseconds)
        dues.append(due?.nanoseconds ?? InteractionTable.noDue)
        duesAreDates.append(dueIsDate)
        lines.append(Int32(clamping: line))
    }

    /// Sets the last row's attribute in `slot` (call once per slot per row, empty for absent).
    package mutating func appendAttribute(slot: Int, _ value: UnsafeBufferPointer<UInt8>) {
        attributeCodes[slot].append(value.isEmpty ? 0 : UInt32(attributeValues[slot].intern(value).code + 1))
    }
}

extension InteractionTableBuilder {
    /// Appends every row of `batch`, read from file `file` from line `firstLine`; `columns` gives the
    /// builder's attribute column for each of the batch's attribute slots.
    package mutating func append(_ batch: InteractionBatch, file: Int, firstLine: Int, columns: [Int]) {
        let kindMap = (0..<Int32(batch.kinds.count)).map { code in batch.kinds.withBytes(of: code) { kindCode($0) } }
        var valueMaps: [[UInt32]] = []
        for (slot, column) in columns.enumerated() {
            valueMaps.append((0..<Int32(batch.attributeValues[slot].count)).map { code in
                batch.attributeValues[slot].withBytes(of: code) { attributeValueCode(column: column, $0) }
            })
        }
        appendColumns(
            batch, kinds: kindMap, origins: batch.lines.map { RowOrigin(file: file, line: firstLine + Int($0) - 1) },
            attributes: Dictionary(uniqueKeysWithValues: columns.enumerated().map { slot, column in
                (column, batch.attributeCodes[slot].map { $0 == 0 ? 0 : valueMaps[slot][Int($0 - 1)] })
            }))
    }
}
