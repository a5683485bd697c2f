#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI
import TutahiColumns

/// Where a row came from: the position of its file among the interaction files, and its line.
package struct RowOrigin: Sendable, Hashable, Comparable {
    /// The file's position in the configuration's list.
    package var file: Int32
    /// The line the row starts on.
    package var line: Int32

    /// Creates an origin.
    package init(file: Int, line: Int) {
        self.file = Int32(clamping: file)
        self.line = Int32(clamping: line)
    }

    /// File order, then line order: load order.
    package static func < (lhs: RowOrigin, rhs: RowOrigin) -> Bool { (lhs.file, lhs.line) < (rhs.file, rhs.line) }
}

/// Collects checked interactions into an ``InteractionTable``, interning every repeated string.
///
/// Rows are appended as they are read; ``build(workers:)`` then finds repeated ids (the first row
/// keeps its id, later ones are refused) and resolves each `ref` to the row it names. It does both
/// by cutting the rows into buckets by the hash of their id, small enough that each bucket's hash
/// table stays in cache, and working through the buckets in parallel.
///
/// Only what the table keeps, and each row's line, is held while loading: ids back to back, codes
/// and times in columns, deadlines only once a row has one, and references only for the rows that
/// have one; hashes are computed when the table is built.
package struct InteractionTableBuilder: Sendable {
    /// Party ids; a party's code is its position in the list given at creation.
    package let parties: ByteInterner
    private let partyIDs: [String]
    private let isAgency: [Bool]
    private var ids = ByteStrings()
    /// Each row's line in its file; `fileRuns` says which file, by the first row of each file's run.
    private var lines: [Int32] = []
    private var fileRuns: [(file: Int32, firstRow: Int)] = []
    private var kindNames = ByteInterner()
    private var kinds = CodeColumn()
    private var senders: [Int32] = []
    private var receivers: [Int32] = []
    private var times: [Int64] = []
    /// Deadlines, or empty while no row has one.
    private var dues: [Int64] = []
    private var duesAreDates: [Bool] = []
    /// The rows with a `ref`, ascending, and the references as written.
    private var referenceRows: [Int32] = []
    private var referenceTexts = ByteStrings()
    private var attributeNames = ByteInterner()
    private var attributeValues: [ByteInterner] = []
    private var attributeCodes: [CodeColumn] = []
    /// Per attribute column, its values as written by row (load order) once it has too many distinct
    /// values for interning to pay (free text, say); nil while it is interned.
    private var attributeTexts: [ByteStrings?] = []
    /// A column is kept as text once it has more distinct values than this and than a quarter of its
    /// rows (tests lower it to reach text columns with little data).
    var textColumnThreshold = 65_536

    /// Creates an empty builder for interactions between `partyIDs` (distinct ids); `isAgency`
    /// says, for each, whether it is an agency.
    package init(partyIDs: [String], isAgency: [Bool]) {
        self.partyIDs = partyIDs
        self.isAgency = isAgency
        parties = ByteInterner(partyIDs)
    }

    /// The number of rows appended.
    package var count: Int { times.count }

    /// True when `bytes` more bytes still fit in the ids, in the references and in each column kept as
    /// text (each is kept back to back, up to 4 GiB).
    package func canAppend(idBytes bytes: Int) -> Bool {
        ids.canAppend(bytes) && referenceTexts.canAppend(bytes) && attributeTexts.allSatisfy { $0?.canAppend(bytes) ?? true }
    }

    /// True when attribute column `column` is kept as text rather than interned.
    package func keepsAsText(column: Int) -> Bool { attributeTexts[column] != nil }

    /// The code of a kind, adding it when new.
    package mutating func kindCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(kindNames.intern(bytes).code)
    }

    /// The column of an attribute, adding it (empty for earlier rows) when new.
    package mutating func attributeColumn(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let (code, inserted) = attributeNames.intern(name)
        if inserted {
            attributeValues.append(ByteInterner())
            attributeCodes.append(CodeColumn(zeros: count))
            attributeTexts.append(nil)
        }
        return Int(code)
    }

    /// The code (1-based; 0 means absent) of a value in an attribute column, adding it when new.
    package mutating func attributeValueCode(column: Int, _ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(attributeValues[column].intern(value).code + 1)
    }

    /// Makes room for `rows` more rows, with `idBytes` more bytes of ids in all, and for `references`
    /// more `ref`s of `referenceBytes` bytes in all, so that the columns grow once.
    package mutating func reserveCapacity(rows: Int, idBytes: Int, references: Int = 0, referenceBytes: Int = 0) {
        let total = count + rows
        ids.reserveCapacity(total, bytes: ids.byteCount + idBytes)
        referenceRows.reserveCapacity(referenceRows.count + references)
        referenceTexts.reserveCapacity(
            referenceTexts.count + references, bytes: referenceTexts.byteCount + referenceBytes)
        lines.reserveCapacity(total)
        kinds.reserveCapacity(total)
        senders.reserveCapacity(total)
        receivers.reserveCapacity(total)
        times.reserveCapacity(total)
        for column in attributeCodes.indices where attributeTexts[column] == nil { attributeCodes[column].reserveCapacity(total) }
        // The columns are then filled row by row on one thread: their pages are made present meanwhile.
        var reserved = ids.reservedStorage() + referenceTexts.reservedStorage()
        reserved += [
            Prefault.storage(of: &referenceRows),
            Prefault.storage(of: &lines), kinds.reservedStorage(), Prefault.storage(of: &senders),
            Prefault.storage(of: &receivers), Prefault.storage(of: &times),
        ].compactMap { $0 }
        for column in attributeCodes.indices where attributeTexts[column] == nil {
            if let storage = attributeCodes[column].reservedStorage() { reserved.append(storage) }
        }
        Prefault.inBackground(reserved)
    }

    /// Notes that the rows appended from now on come from file `file`.
    private mutating func enterFile(_ file: Int) {
        if fileRuns.last?.file != Int32(file) { fileRuns.append((Int32(file), count)) }
    }

    /// Appends whole columns: `batch`'s rows, read from file `file` from line `firstLine`, with kinds
    /// mapped through `kinds`, attribute codes through each given column's map, and for columns kept
    /// as text the values the batch's codes name (`texts`) or the batch's values as written
    /// (`rawTexts`); columns not given are absent.
    mutating func appendColumns(
        _ batch: InteractionBatch, kinds kindMap: [UInt32], file: Int, firstLine: Int,
        attributes: [(column: Int, codes: [UInt32], map: [UInt32])],
        texts: [(column: Int, codes: [UInt32], values: ByteInterner)] = [],
        rawTexts: [(column: Int, texts: ByteStrings)] = []
    ) {
        enterFile(file)
        let start = count
        for row in batch.referenceRows { referenceRows.append(Int32(start) + row) }
        referenceTexts.append(contentsOf: batch.referenceTexts)
        if !batch.dues.isEmpty || !dues.isEmpty {
            if dues.isEmpty {
                dues = [Int64](repeating: InteractionTable.noDue, count: start)
                duesAreDates = [Bool](repeating: false, count: start)
            }
            if batch.dues.isEmpty {
                dues.append(contentsOf: repeatElement(InteractionTable.noDue, count: batch.count))
                duesAreDates.append(contentsOf: repeatElement(false, count: batch.count))
            } else {
                dues.append(contentsOf: batch.dues)
                duesAreDates.append(contentsOf: batch.duesAreDates)
            }
        }
        ids.append(contentsOf: batch.ids)
        Self.append(batch.lines, to: &lines) { $0 &+ Int32(truncatingIfNeeded: firstLine - 1) }
        kinds.append(batch.kindCodes, mappedThrough: kindMap)
        senders.append(contentsOf: batch.senders)
        receivers.append(contentsOf: batch.receivers)
        times.append(contentsOf: batch.times)
        var given = [Bool](repeating: false, count: attributeCodes.count)
        for (column, codes, map) in attributes {
            given[column] = true
            attributeCodes[column].append(codes, mappedThrough: map)
        }
        for (column, codes, values) in texts {
            given[column] = true
            attributeTexts[column]?.append(codes: codes, of: values)
        }
        for (column, values) in rawTexts {
            given[column] = true
            attributeTexts[column]?.append(contentsOf: values)
        }
        for column in attributeCodes.indices where !given[column] {
            if attributeTexts[column] != nil {
                attributeTexts[column]?.appendEmpty(batch.count)
            } else {
                attributeCodes[column].appendZeros(batch.count)
            }
        }
        for column in attributeCodes.indices where attributeTexts[column] == nil {
            let distinct = attributeValues[column].count
            if distinct > textColumnThreshold, distinct * 4 > count { keepAsText(column: column) }
        }
    }

    /// Turns interned column `column` into text by row, letting go of its interner.
    private mutating func keepAsText(column: Int) {
        var texts = ByteStrings()
        texts.append(codes: attributeCodes[column], of: attributeValues[column])
        // Room for the rows the other columns have room for, at the bytes per row seen so far, its
        // pages made present meanwhile: free text is most of a file's bytes, and growing it copies them.
        let rows = max(times.capacity, count)
        texts.reserveCapacity(rows, bytes: Int(Double(texts.byteCount) / Double(max(1, count)) * Double(rows) * 1.02))
        Prefault.inBackground(texts.reservedStorage())
        attributeTexts[column] = texts
        attributeCodes[column] = CodeColumn()
        attributeValues[column] = ByteInterner()
    }

    /// Appends `source` mapped through `transform` to `target`, in one pass over raw memory.
    private static func append<T>(_ source: [T], to target: inout [T], _ transform: (T) -> T) {
        let start = target.count
        target.append(contentsOf: source)
        target.withUnsafeMutableBufferPointer { target in
            source.withUnsafeBufferPointer { source in
                for index in source.indices { target[start + index] = transform(source[index]) }
            }
        }
    }

    /// Appends `interaction`, read at `origin`; false (and nothing appended) when a party is unknown.
    package mutating func append(_ interaction: Interaction, origin: RowOrigin) -> Bool {
        guard let from = parties.code(of: interaction.from), let to = parties.code(of: interaction.to) else {
            return false
        }
        let attributes = interaction.attributes.filter { !$0.value.isEmpty }
        var batch = InteractionBatch(attributes: attributes.count)
        var staging = InteractionStaging(attributes: attributes.count)
        var kind = interaction.kind, id = interaction.id, reference = interaction.ref ?? ""
        kind.withUTF8 { kind in
            id.withUTF8 { id in
                reference.withUTF8 { reference in
                    staging.append(
                        id: id, kind: kind, from: from, to: to, at: interaction.at, due: interaction.due,
                        dueIsDate: interaction.dueIsDate, reference: reference, line: 1, to: &batch)
                }
            }
        }
        var columns: [Int] = []
        for (slot, (name, value)) in attributes.enumerated() {
            var name = name, value = value
            columns.append(name.withUTF8 { attributeColumn($0) })
            value.withUTF8 { staging.appendAttribute(slot: slot, $0, to: &batch) }
        }
        staging.flush(into: &batch)
        append(batch, file: Int(origin.file), firstLine: Int(origin.line), columns: columns)
        return true
    }

    /// Where row `row` was read.
    private func origin(of row: Int) -> RowOrigin {
        var low = 0, high = fileRuns.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if fileRuns[middle].firstRow <= row { low = middle } else { high = middle }
        }
        return RowOrigin(file: Int(fileRuns[low].file), line: Int(lines[row]))
    }

    /// The table, without rows whose id an earlier row has, grouped by relationship (see
    /// ``InteractionTable``), with every `ref` resolved; plus the origins of the rows left out, in
    /// load order.
    package consuming func build(workers: Int = 1) -> (table: InteractionTable, duplicates: [RowOrigin]) {
        var (repeated, targets, spare) = findRepeatsAndTargets(workers: workers)
        let duplicates = Self.rowsSet(in: repeated).map { origin(of: $0) }
        // The lines are finished with: each row's relationship number is written over them.
        spare.narrow = lines
        lines = []
        let arranged = arrangement(skipping: repeated, workers: workers, spare: &spare)
        spare = SpareColumns()  // what the arrangement did not reuse is let go of here
        let order = arranged.order
        // The arrangement has what the table keeps of the times, senders and receivers; the senders'
        // and receivers' memory (a row each, already present) is reused for each row's new place
        // and each row's reference, rather than let go and new memory faulted in.
        var newRow = senders, references = receivers
        (times, senders, receivers) = ([], [], [])
        newRow.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        references.removeLast(references.count - order.count)
        references.withUnsafeMutableBufferPointer { $0.update(repeating: InteractionTable.noReference) }
        newRow.withUnsafeMutableBufferPointer { newRow in
            order.withUnsafeBufferPointer { order in
                let shared = UncheckedBox((newRow, order))
                Parallel.forEachStretch(of: order.count, workers: workers) { stretch, _ in
                    let (newRow, order) = shared.value
                    for position in stretch { newRow[Int(order[position])] = Int32(position) }
                }
            }
        }
        var unresolvedParts = [[(row: Int32, reference: String)]](
            repeating: [], count: Parallel.stretches(of: referenceRows.count, workers: workers))
        withMutableBuffers(&references, &unresolvedParts, &targets) { references, unresolvedParts, targets in
            let shared = UncheckedBox((references, unresolvedParts, targets))
            Parallel.forEachStretch(of: referenceRows.count, workers: workers) { stretch, part in
                let (references, unresolvedParts, targets) = shared.value
                for index in stretch where !repeated[Int(referenceRows[index])] {
                    let position = newRow[Int(referenceRows[index])], target = targets[index]
                    if target >= 0 {
                        references[Int(position)] = newRow[Int(target)]
                    } else {
                        references[Int(position)] = InteractionTable.unresolvedReference
                        unresolvedParts[part].append((position, referenceTexts.string(index)))
                    }
                }
            }
        }
        let unresolved = Dictionary(uniqueKeysWithValues: unresolvedParts.joined().map { ($0.row, $0.reference) })
        (repeated, targets, newRow, referenceRows, referenceTexts) = ([], [], [], [], ByteStrings())
        // Each column is put in the table's order in turn, on every core, and let go as soon as it is.
        var kinds = self.kinds
        var (dues, duesAreDates) = (self.dues, self.duesAreDates)
        var attributes = attributeCodes
        let texts = attributeTexts
        (self.kinds, self.dues, self.duesAreDates, attributeCodes, attributeTexts) = (CodeColumn(), [], [], [], [])
        kinds = kinds.gathered(order, workers: workers)
        if !dues.isEmpty {
            dues = dues.gathered(by: order, workers: workers)
            duesAreDates = duesAreDates.gathered(by: order, workers: workers)
        }
        for column in attributes.indices where texts[column] == nil {
            attributes[column] = attributes[column].gathered(order, workers: workers)
        }
        let table = InteractionTable(
            ids: self.ids, idIndex: order, kinds: kinds, kindNames: kindNames, directions: arranged.directions,
            othersStart: arranged.othersStart, otherSenders: arranged.otherSenders, otherReceivers: arranged.otherReceivers,
            partyIDs: partyIDs, parties: parties, times: arranged.times, dues: dues, duesAreDates: duesAreDates,
            references: references, unresolvedReferences: unresolved, attributeNames: attributeNames,
            attributeValues: attributeValues, attributeCodes: attributes, attributeTexts: texts,
            relationships: arranged.relationships)
        return (table, duplicates)
    }

    /// The positions of the true flags, ascending, found by `memchr` (a `Bool` is the byte 1 or 0):
    /// repeated ids are rare, and this finds them among ten million rows in a millisecond.
    private static func rowsSet(in flags: [Bool]) -> [Int] {
        flags.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return [] }
            var rows: [Int] = [], start = 0
            while start < bytes.count, let found = memchr(base + start, 1, bytes.count - start) {
                let row = base.distance(to: UnsafeRawPointer(found))
                rows.append(row)
                start = row + 1
            }
            return rows
        }
    }

    /// The rows kept in the table's order, and what the table keeps of them in that order.
    private struct Arrangement {
        /// The rows: by relationship in order of first appearance, each oldest first (ties by id),
        /// then the rows between two agencies or two partners in load order.
        var order: [Int32]
        /// Their times (the sort has them at hand).
        var times: [Int64]
        /// Per relationship row, which way it went.
        var directions: [UInt8]
        var relationships: [RelationshipRows]
        /// Where the rows between two agencies or two partners start, and their senders and receivers.
        var othersStart: Int
        var otherSenders: [Int32]
        var otherReceivers: [Int32]

        /// The rows of `order`: the kept rows by relationship (group `g` at `starts[g]..<starts[g + 1]`,
        /// its agency and partner `pairs[g]`), then `others`, whose senders and receivers are kept.
        init(
            order: [Int32], times: [Int64], directions: [UInt8], starts: [Int],
            pairs: [(agency: Int32, partner: Int32)], others: [Int32], senders: [Int32], receivers: [Int32]
        ) {
            (self.order, self.times, self.directions) = (order, times, directions)
            relationships = pairs.enumerated().map { group, pair in
                RelationshipRows(agency: pair.agency, partner: pair.partner, rows: starts[group]..<starts[group + 1])
            }
            othersStart = order.count - others.count
            otherSenders = others.map { senders[Int($0)] }
            otherReceivers = others.map { receivers[Int($0)] }
        }
    }

    /// The arrangement, written over the `spare` columns where it can.
    private func arrangement(skipping repeated: [Bool], workers: Int, spare: inout SpareColumns) -> Arrangement {
        if let keys = times.withUnsafeBufferPointer({ SecondsKeys(times: $0, workers: workers) }) {
            let (grouped, pairs, others) = senders.withUnsafeBufferPointer { senders in
                isAgency.withUnsafeBufferPointer { isAgency in
                    times.withUnsafeBufferPointer { times in
                        grouping(skipping: repeated, workers: workers, entriesOver: spare.takeWide(), spare: &spare) {
                            row in keys.key(time: times[row], row: row, fromAgency: isAgency[Int(senders[row])])
                        }
                    }
                }
            }
            return arrangement(
                grouped, pairs: pairs, others: others, keys: keys, workers: workers, orderOver: spare.takeNarrow())
        }
        // The wide spare has no use here: let go of before the grouping's memory is taken. A row
        // from the agency goes into the sort as its complement, so that its direction travels with
        // it rather than being looked up again once the rows are in their new places.
        spare.wide = []
        let (grouped, pairs, others) = senders.withUnsafeBufferPointer { senders in
            isAgency.withUnsafeBufferPointer { isAgency in
                grouping(skipping: repeated, workers: workers, entriesOver: spare.takeNarrow(), spare: &spare) { row in
                    let entry = Int32(truncatingIfNeeded: row)
                    return isAgency[Int(senders[row])] ? ~entry : entry
                }
            }
        }
        let starts = grouped.starts
        var order = (consume grouped).takeEntries()
        let kept = order.count
        order.append(contentsOf: others)
        // The times and directions in the new order are written once, where the sort puts them (the
        // groups cover every position before `kept`), rather than zeroed on one thread first.
        var directions: [UInt8] = []
        let orderedTimes = [Int64](unsafeUninitializedCapacity: order.count) { orderedTimes, timesInitialized in
            directions = [UInt8](unsafeUninitializedCapacity: kept) { directions, directionsInitialized in
                sortGroups(
                    pairs.count, starts: starts, order: &order,
                    times: UnsafeMutableBufferPointer(rebasing: orderedTimes[..<kept]), directions: directions,
                    workers: workers)
                directionsInitialized = kept
            }
            for (offset, row) in others.enumerated() {
                orderedTimes.initializeElement(at: kept + offset, to: times[Int(row)])
            }
            timesInitialized = order.count
        }
        return Arrangement(
            order: order, times: orderedTimes, directions: directions, starts: starts, pairs: pairs, others: others,
            senders: senders, receivers: receivers)
    }

    /// The rows kept, grouped by relationship (numbered in order of first appearance, each group in
    /// row order) as `entry(row)`, written over `entrySpare` when it is large enough, with room for
    /// the rows between two agencies or two partners after them; each relationship's agency and
    /// partner; and those other rows, ascending. Each row's relationship number is written over the
    /// narrow spare column, and left there once the rows are grouped.
    private func grouping<Entry: Sendable & BitwiseCopyable>(
        skipping repeated: [Bool], workers: Int, entriesOver entrySpare: consuming [Entry], spare: inout SpareColumns,
        entry: (Int) -> Entry
    ) -> (grouped: BucketSort<Entry>, pairs: [(agency: Int32, partner: Int32)], others: [Int32]) {
        let (groupOfRow, pairs, others) = RelationshipNumbering(isAgency: isAgency).number(
            senders: senders, receivers: receivers, skipping: repeated, workers: workers, over: spare.takeNarrow())
        var entrySpare: [Entry]? = consume entrySpare  // taken, not copied, inside the closure
        let grouped = groupOfRow.withUnsafeBufferPointer { groupOfRow in
            BucketSort(
                count: count, buckets: pairs.count, workers: workers, extraCapacity: others.count,
                reusing: entrySpare.take() ?? [], bucket: { Int(groupOfRow[$0]) }, entry: entry)
        }
        spare.narrow = groupOfRow
        return (grouped, pairs, others)
    }

    /// ``arrangement(skipping:workers:spare:)`` when every time is a whole second (``SecondsKeys``): each
    /// row went into the grouping as its key, each group's keys are sorted where they lie, and the
    /// keys are then turned into the times in the new order, in place, beside the rows and directions.
    /// The rows in order are written over `spare`, a column of a row each that is finished with.
    private func arrangement(
        _ grouped: consuming BucketSort<Int64>, pairs: [(agency: Int32, partner: Int32)], others: [Int32],
        keys: SecondsKeys, workers: Int, orderOver spare: consuming [Int32]
    ) -> Arrangement {
        let starts = grouped.starts, groups = pairs.count
        var orderedTimes = (consume grouped).takeEntries()
        let kept = orderedTimes.count
        var directions: [UInt8] = []
        // Every row kept, and each other row, has a place: the spare, a place per row, is large enough.
        var order = consume spare
        order.removeLast(order.count - (kept + others.count))
        order.withUnsafeMutableBufferPointer { order in
            directions = [UInt8](unsafeUninitializedCapacity: kept) { directions, directionsInitialized in
                ids.withView { ids in
                    orderedTimes.withUnsafeMutableBufferPointer { entries in
                        let shared = UncheckedBox((order, directions, entries))
                        let runs = min(groups, workers * 32)
                        Parallel.forEach(runs, workers: workers) { run in
                            let (order, directions, entries) = shared.value
                            var scratch: [Int64] = []
                            for group in (groups * run / runs)..<(groups * (run + 1) / runs) {
                                let range = starts[group]..<starts[group + 1]
                                let sorted = UnsafeMutableBufferPointer(rebasing: entries[range])
                                SecondsKeys.sort(sorted, scratch: &scratch)
                                // Rows at the same second (rare) go by id instead of by row.
                                var start = 0
                                while start < sorted.count {
                                    var end = start + 1
                                    while end < sorted.count, sorted[end] >> 32 == sorted[start] >> 32 { end += 1 }
                                    if end - start > 1 {
                                        var tied = UnsafeMutableBufferPointer(rebasing: sorted[start..<end])
                                        tied.sort {
                                            ids.precedes(Int(SecondsKeys.row(of: $0)), Int(SecondsKeys.row(of: $1)))
                                        }
                                    }
                                    start = end
                                }
                                for (offset, key) in sorted.enumerated() {
                                    let position = range.lowerBound + offset
                                    order[position] = SecondsKeys.row(of: key)
                                    let direction = SecondsKeys.isFromAgency(key)
                                        ? InteractionTable.fromAgency : InteractionTable.fromPartner
                                    directions.initializeElement(at: position, to: direction)
                                    sorted[offset] = keys.time(of: key)
                                }
                            }
                        }
                    }
                }
                directionsInitialized = kept
            }
            for (offset, row) in others.enumerated() { order[kept + offset] = row }
        }
        orderedTimes.append(contentsOf: others.lazy.map { times[Int($0)] })
        return Arrangement(
            order: order, times: orderedTimes, directions: directions, starts: starts, pairs: pairs, others: others,
            senders: senders, receivers: receivers)
    }

    /// Sorts each of `groups` groups of `order` (group `g` at `starts[g]..<starts[g + 1]`, its rows
    /// as entries from the grouping, a row from the agency as its complement) by time, ties by id,
    /// writing the rows back to `order` and initializing their times and directions in
    /// `orderedTimes` and `directions`. Each group is sorted on a copy of its (time, row) pairs, so
    /// comparisons stay in cache; groups are taken a run at a time, so that the sort's memory serves
    /// a whole run.
    private func sortGroups(
        _ groups: Int, starts: [Int], order: inout [Int32], times orderedTimes: UnsafeMutableBufferPointer<Int64>,
        directions: UnsafeMutableBufferPointer<UInt8>, workers: Int
    ) {
        let runs = min(groups, workers * 32)
        ids.withView { ids in
            times.withUnsafeBufferPointer { times in
                order.withUnsafeMutableBufferPointer { order in
                    let shared = UncheckedBox((ids, times, order, orderedTimes, directions))
                    Parallel.forEach(runs, workers: workers) { run in
                        let (ids, times, order, orderedTimes, directions) = shared.value
                        var keys: [TimedRow] = [], scratch: [TimedRow] = []
                        for group in (groups * run / runs)..<(groups * (run + 1) / runs) {
                            let range = starts[group]..<starts[group + 1]
                            keys.removeAll(keepingCapacity: true)
                            for entry in order[range] {
                                let row = entry < 0 ? ~entry : entry
                                keys.append(TimedRow(time: times[Int(row)], row: row, fromAgency: entry < 0))
                            }
                            keys.sortByTime(scratch: &scratch)
                            // Rows at the same time (rare) go by id instead of by row.
                            var start = 0
                            while start < keys.count {
                                var end = start + 1
                                while end < keys.count, keys[end].time == keys[start].time { end += 1 }
                                if end - start > 1 { keys[start..<end].sort { ids.precedes(Int($0.row), Int($1.row)) } }
                                start = end
                            }
                            for (offset, key) in keys.enumerated() {
                                order[range.lowerBound + offset] = key.row
                                orderedTimes.initializeElement(at: range.lowerBound + offset, to: key.time)
                                directions.initializeElement(
                                    at: range.lowerBound + offset,
                                    to: key.fromAgency ? InteractionTable.fromAgency : InteractionTable.fromPartner)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Per row, whether an earlier row has its id; per entry of `referenceRows`, the row its `ref`
    /// names (or unresolved); and the columns of a row each it is finished with.
    private func findRepeatsAndTargets(workers: Int) -> (repeated: [Bool], targets: [Int32], spare: SpareColumns) {
        var bits = 0
        while bits < 16, count >> bits > 16_384 { bits += 1 }
        let buckets = 1 << bits
        let shift = UInt32(32 - bits)
        func bucket(_ hash: UInt32) -> Int { shift == 32 ? 0 : Int(hash >> shift) }
        let (idRows, referenceEntries) = ids.withView { ids in
            referenceTexts.withView { references in
                (Self.partition(Self.hashes(ids, count: count, workers: workers), buckets: buckets, workers: workers, bucket: bucket),
                 Self.partition(
                    Self.hashes(references, count: referenceRows.count, workers: workers), buckets: buckets, workers: workers,
                    bucket: bucket))
            }
        }
        var repeated = [Bool](repeating: false, count: count)
        var targets = [Int32](repeating: InteractionTable.unresolvedReference, count: referenceRows.count)
        ids.withView { ids in
            referenceTexts.withView { references in
                repeated.withUnsafeMutableBufferPointer { repeated in
                    targets.withUnsafeMutableBufferPointer { targets in
                        let shared = UncheckedBox((repeated, targets, ids, references))
                        Parallel.forEach(buckets, workers: workers) { bucket in
                            let (repeated, targets, ids, references) = shared.value
                            var table = RowHashTable(capacity: idRows.count(in: bucket))
                            // Hashes that two different ids share (a few among millions), with a mask of
                            // their low six bits that rules nearly every other hash out at once.
                            var ambiguous: [UInt32] = [], mask: UInt64 = 0
                            for (row, hash) in idRows.rows(in: bucket) {
                                let (kept, sharesHash) = table.insert(row, hash: hash) { ids.equals($0, row) }
                                if kept != row { repeated[row] = true }
                                if sharesHash {
                                    ambiguous.append(hash)
                                    mask |= 1 << UInt64(hash & 63)
                                }
                            }
                            // The one row with the reference's hash, its bytes compared below in reference
                            // order; where ids share the hash, the row with the same bytes, found here.
                            for (entry, hash) in referenceEntries.rows(in: bucket) {
                                let target = mask >> UInt64(hash & 63) & 1 != 0 && ambiguous.contains(hash)
                                    ? table.find(hash: hash) { ids.equals($0, references[entry]) }
                                    : table.find(hash: hash) { _ in true }
                                if let target { targets[entry] = Int32(target) }
                            }
                        }
                    }
                }
            }
        }
        // Each reference's candidate is checked byte for byte in reference order: a `ref` mostly names
        // a row not long before its own, so the ids read are close together rather than anywhere in
        // memory. A candidate with other bytes is the only id with that hash: the `ref` names no row.
        ids.withView { ids in
            referenceTexts.withView { references in
                targets.withUnsafeMutableBufferPointer { targets in
                    let shared = UncheckedBox(targets)
                    Parallel.forEachStretch(of: referenceRows.count, workers: workers) { stretch, _ in
                        let targets = shared.value
                        for entry in stretch where targets[entry] >= 0 {
                            if !ids.equals(Int(targets[entry]), references[entry]) {
                                targets[entry] = InteractionTable.unresolvedReference
                            }
                        }
                    }
                }
            }
        }
        // The hashes were let go of at once: kept for reuse, they would sit beside everything above.
        return (repeated, targets, SpareColumns(wide: idRows.takeEntries()))
    }

    /// ``ByteInterner/hash(_:)`` of the first `count` strings of `strings`, computed in parallel.
    private static func hashes(_ strings: ByteStrings.View, count: Int, workers: Int) -> [UInt32] {
        let slices = max(1, min(64, count / 65_536))
        return [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            let shared = UncheckedBox(buffer)
            Parallel.forEach(slices, workers: workers) { slice in
                for index in (count * slice / slices)..<(count * (slice + 1) / slices) {
                    shared.value.initializeElement(at: index, to: ByteInterner.hash(strings[index]))
                }
            }
            initialized = count
        }
    }

    /// The indices of `hashes` grouped by `bucket`, each group in index order, with their hashes
    /// beside them: the hash in the high half of each entry's bits, the index in the low half (as
    /// `Int64`, the type of the grouping that reuses the memory).
    private static func partition(_ hashes: [UInt32], buckets: Int, workers: Int, bucket: (UInt32) -> Int)
        -> BucketSort<Int64>
    {
        hashes.withUnsafeBufferPointer { hashes in
            BucketSort(
                count: hashes.count, buckets: buckets, workers: workers, bucket: { bucket(hashes[$0]) },
                entry: { Int64(bitPattern: UInt64(hashes[$0]) << 32 | UInt64($0)) })
        }
    }
}

extension BucketSort<Int64> {
    /// The rows and hashes of bucket `bucket` of a ``InteractionTableBuilder`` partition.
    fileprivate func rows(in bucket: Int) -> some Sequence<(row: Int, hash: UInt32)> {
        entries[range(of: bucket)].lazy.map {
            (Int($0 & 0xFFFF_FFFF), UInt32(truncatingIfNeeded: UInt64(bitPattern: $0) >> 32))
        }
    }
}

/// Columns of a row each that one step of ``InteractionTableBuilder/build(workers:)`` is finished
/// with, handed to a later step to write over: their pages are present already, where new memory
/// would take a page fault every 4 KiB (ten million rows fault in hundreds of megabytes).
private struct SpareColumns {
    var wide: [Int64] = []
    var narrow: [Int32] = []

    /// The wide column, leaving none.
    mutating func takeWide() -> [Int64] { Self.take(&wide) }

    /// The narrow column, leaving none.
    mutating func takeNarrow() -> [Int32] { Self.take(&narrow) }

    private static func take<Element>(_ column: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &column)
        return taken
    }
}

/// An open-addressing set of rows by hash, for one bucket.
private struct RowHashTable {
    /// Per slot, the hash in the high half and row + 1 in the low half; 0 is empty.
    private var slots: [UInt64]

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Adds `row` unless a row equal to it (by `isEqual`) is there; returns the row kept, and whether
    /// a row with the same hash that is not equal to it was passed on the way.
    mutating func insert(_ row: Int, hash: UInt32, isEqual: (Int) -> Bool) -> (kept: Int, sharesHash: Bool) {
        let (slot, found, sharesHash) = probe(hash: hash, isEqual: isEqual)
        if let found { return (found, sharesHash) }
        slots[slot] = UInt64(hash) << 32 | UInt64(row + 1)
        return (row, sharesHash)
    }

    /// The row with `hash` that `isEqual` accepts.
    func find(hash: UInt32, isEqual: (Int) -> Bool) -> Int? {
        probe(hash: hash, isEqual: isEqual).row
    }

    /// The slot holding the row with `hash` that `isEqual` accepts, or the empty slot where it would
    /// go; and whether a row with `hash` that `isEqual` refused came first.
    private func probe(hash: UInt32, isEqual: (Int) -> Bool) -> (slot: Int, row: Int?, sharesHash: Bool) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        var sharesHash = false
        while slots[slot] != 0 {
            let entry = slots[slot]
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let candidate = Int(entry & 0xFFFF_FFFF) - 1
                if isEqual(candidate) { return (slot, candidate, sharesHash) }
                sharesHash = true
            }
            slot = (slot + 1) & mask
        }
        return (slot, nil, sharesHash)
    }
}

extension InteractionTable {
    /// A table with no rows.
    public static let empty = InteractionTableBuilder(partyIDs: [], isAgency: []).build().table
}

/// Calls `body` with the memory of three arrays at once.
func withMutableBuffers<A, B, C>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C],
    _ body: (UnsafeMutableBufferPointer<A>, UnsafeMutableBufferPointer<B>, UnsafeMutableBufferPointer<C>) -> Void
) {
    a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in body(a, b, c) }
        }
    }
}
