import TutahiPluginAPI
import TutahiColumns

/// Checked interactions from one piece of a file, with codes local to the piece, appended to an
/// ``InteractionTableBuilder`` column by column (threads fill batches; one thread appends them).
package struct InteractionBatch: Sendable {
    package var ids = ByteStrings()
    /// Kinds seen in the batch; `kindCodes` index them.
    package var kinds = ByteInterner()
    package var kindCodes: [UInt32] = []
    package var senders: [Int32] = []
    package var receivers: [Int32] = []
    package var times: [Int64] = []
    /// Deadlines, or empty while no row of the batch has one (then none has).
    package var dues: [Int64] = []
    /// Per row, whether its deadline was a bare date; empty exactly when `dues` is.
    package var duesAreDates: [Bool] = []
    /// The rows with a `ref`, ascending, and their references.
    package var referenceRows: [Int32] = []
    package var referenceTexts = ByteStrings()
    /// Per attribute slot: the values seen, and per row a 1-based code into them (0: absent).
    package var attributeValues: [ByteInterner]
    package var attributeCodes: [[UInt32]]
    /// Per attribute slot whose column is already kept as text, its values by row as written
    /// (nothing is interned for it); nil for an interned slot.
    package var attributeTexts: [ByteStrings?]
    /// Per attribute slot, whether `attributeTexts` holds its values (asked once per row and slot).
    private(set) var slotIsText: [Bool]
    /// Each row's line, counted from 1 at the start of the piece.
    package var lines: [Int32] = []

    /// An empty batch with `attributes` attribute slots, those `keptAsText` says taking values as
    /// written rather than interning them.
    package init(attributes: Int, keptAsText: [Bool] = []) {
        attributeValues = Array(repeating: ByteInterner(), count: attributes)
        attributeCodes = Array(repeating: [], count: attributes)
        attributeTexts = (0..<attributes).map { slot in slot < keptAsText.count && keptAsText[slot] ? ByteStrings() : nil }
        slotIsText = attributeTexts.map { $0 != nil }
    }

    /// The number of rows.
    package var count: Int { times.count }

    /// Adds an interned attribute slot, absent for the `absent` rows before the next one; returns
    /// the slot.
    package mutating func addSlot(absentFor absent: Int) -> Int {
        attributeValues.append(ByteInterner())
        attributeCodes.append([UInt32](repeating: 0, count: absent))
        attributeTexts.append(nil)
        slotIsText.append(false)
        return attributeCodes.count - 1
    }
}

extension InteractionTableBuilder {
    /// Appends every row of `batch`, read from file `file` from line `firstLine`; `columns` gives the
    /// builder's attribute column for each of the batch's attribute slots.
    package mutating func append(_ batch: InteractionBatch, file: Int, firstLine: Int, columns: [Int]) {
        let kindMap = (0..<Int32(batch.kinds.count)).map { code in batch.kinds.withBytes(of: code) { kindCode($0) } }
        var attributes: [(column: Int, codes: [UInt32], map: [UInt32])] = []
        var texts: [(column: Int, codes: [UInt32], values: ByteInterner)] = []
        var rawTexts: [(column: Int, texts: ByteStrings)] = []
        for (slot, column) in columns.enumerated() {
            if let slotTexts = batch.attributeTexts[slot] {
                rawTexts.append((column, slotTexts))
                continue
            }
            if keepsAsText(column: column) {
                texts.append((column, batch.attributeCodes[slot], batch.attributeValues[slot]))
                continue
            }
            // Index 0 stays 0 (absent); code c maps to the builder's code for the same value.
            let map = [0] + (0..<Int32(batch.attributeValues[slot].count)).map { code in
                batch.attributeValues[slot].withBytes(of: code) { attributeValueCode(column: column, $0) }
            }
            attributes.append((column, batch.attributeCodes[slot], map))
        }
        appendColumns(
            batch, kinds: kindMap, file: file, firstLine: firstLine, attributes: attributes, texts: texts, rawTexts: rawTexts)
    }
}
