#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiColumns

/// Whole CSV records in a block of bytes, read without copying: a record without quotes is cut at
/// commas in place; one with quotes goes through the ``CSVReader`` state machine.
struct CSVPiece {
    /// The piece's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumRecordBytes: Int
    /// False when no byte of the piece is a quote (its lines are then cut without looking for one).
    var hasQuotes = true

    /// Calls `body` with every non-blank record, in order; returns the number of line ends in the
    /// piece (counted on the way, so that the bytes are read once).
    @discardableResult
    func forEachRecord(_ body: (CSVFields) -> Void) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var bounds = FieldBounds()
        defer { bounds.deallocate() }
        var classes = CSVByteClasses(base, at: 0, count: bytes.count, lookingForQuotes: hasQuotes)
        var position = 0, line = 1, lineEnds = 0
        while position < bytes.count {
            if let (lineEnd, end, isASCII) = bounds.splitUnquotedLine(
                base, from: position, count: bytes.count, lookingForQuotes: hasQuotes, classes: &classes)
            {
                if end > position {
                    body(CSVFields(base: base, bounds: bounds.filled, line: line, problem: nil, isASCII: isASCII))
                }
                if lineEnd < bytes.count { lineEnds += 1 }
                position = lineEnd + 1
                line += 1
                continue
            }
            if let (end, lines, isASCII) = bounds.splitQuoted(base, from: position, count: bytes.count, limit: maximumRecordBytes) {
                body(CSVFields(base: base, bounds: bounds.filled, line: line, problem: nil, isASCII: isASCII))
                // The line ends inside quoted fields, and the record's own when it has one.
                lineEnds += lines - 1 + (base[end - 1] == UInt8(ascii: "\n") ? 1 : 0)
                position = end
                line += lines
                continue
            }
            var parser = CSVReader.Parser(maximumRecordBytes: maximumRecordBytes, line: line)
            var record: CSVRecord?
            while position < bytes.count, record == nil {
                if base[position] == UInt8(ascii: "\n") { lineEnds += 1 }
                record = parser.consume(base[position])
                position += 1
            }
            if record == nil { record = parser.finish() }
            line = parser.line
            guard let record else { continue }
            bounds.removeAll()
            for index in 0..<record.count {
                bounds.append(index == 0 ? 0 : record.ends[index - 1])
                bounds.append(record.ends[index])
            }
            record.bytes.withUnsafeBufferPointer { stored in
                body(CSVFields(
                    base: stored.baseAddress ?? base, bounds: bounds.filled, line: record.line, problem: record.problem,
                    isASCII: stored.allSatisfy { $0 < 0x80 }))
            }
        }
        return lineEnds
    }
}

/// The start and end offsets of a record's fields, in memory reused from record to record.
private struct FieldBounds {
    private var storage = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    private var capacity = 64
    private var count = 0

    /// The offsets filled so far.
    var filled: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ offset: Int) {
        reserve(1)
        storage[count] = offset
        count += 1
    }

    /// Makes room for `more` offsets beyond those filled.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if count + more > capacity { grow(more) }
    }

    /// Moves the offsets to storage twice the size, or `more` beyond those filled if that is more.
    @inline(never)
    private mutating func grow(_ more: Int) {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: max(capacity * 2, count + more))
        grown.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = max(capacity * 2, count + more)
    }

    /// Fills in the fields of the line starting at `start` (up to the next line end or `count`) when
    /// it has no quote, cut at its commas, found through `classes` (moved on 64 bytes at a time, and
    /// kept for the next line). Returns where the line ends (its `\n`, or `count`), where its last
    /// field ends (a `\r` before the line end is not part of it) and whether it is all ASCII; nil
    /// when the line has a quote, which the quoted paths then read. Without `lookingForQuotes` (the
    /// bytes have none) only commas and line ends are looked for.
    mutating func splitUnquotedLine(
        _ base: UnsafePointer<UInt8>, from start: Int, count limit: Int, lookingForQuotes: Bool = true,
        classes: inout CSVByteClasses
    ) -> (lineEnd: Int, end: Int, isASCII: Bool)?
    {
        count = 0
        append(start)
        if start < classes.start || start >= classes.start &+ 64 {
            classes = CSVByteClasses(base, at: start, count: limit, lookingForQuotes: lookingForQuotes)
        }
        var high: UInt64 = 0, lineEnd = limit
        while true {
            // The bits from `start` on, up to the first line end or quote.
            let from = start &- classes.start
            var inLine: UInt64 = from > 0 ? ~0 << UInt64(from) : ~0
            let stops = (classes.newlines | classes.quotes) & inLine
            if stops != 0 {
                let first = stops.trailingZeroBitCount
                if classes.quotes & (1 << UInt64(first)) != 0 { return nil }
                inLine &= (1 << UInt64(first)) &- 1
                lineEnd = classes.start &+ first
            }
            high |= classes.high & inLine
            var commas = classes.commas & inLine
            if commas != 0 {
                // At most 64 commas, two offsets each: room once, then plain stores.
                reserve(128)
                var filled = count
                repeat {
                    let comma = classes.start &+ commas.trailingZeroBitCount
                    storage[filled] = comma
                    storage[filled &+ 1] = comma &+ 1
                    filled &+= 2
                    commas &= commas &- 1
                } while commas != 0
                count = filled
            }
            if stops != 0 { break }
            let next = classes.start &+ 64
            if next >= limit { break }
            classes = CSVByteClasses(base, at: next, count: limit, lookingForQuotes: lookingForQuotes)
        }
        var end = lineEnd
        if end > start, base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        append(end)
        return (lineEnd, end, high == 0)
    }

    /// Fills in the fields of the record starting at `start` when it is well formed with quotes: each
    /// quoted field closed by a quote followed by a comma or the line end, no doubled quote inside, no
    /// quote inside an unquoted field; a quoted field may span lines. Returns where the next record
    /// starts, the lines this one spans and whether it is all ASCII; nil for anything else, which
    /// the CSV state machine then reads (with the same result for a well-formed record).
    mutating func splitQuoted(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, limit: Int)
        -> (next: Int, lines: Int, isASCII: Bool)?
    {
        self.count = 0
        var position = start, lines = 1
        var high: UInt8 = 0
        let newline = UInt8(ascii: "\n")
        while true {
            if position < count, base[position] == UInt8(ascii: "\"") {
                // Up to the closing quote eight bytes at a time, counting line ends and noting
                // whether any byte is not ASCII on the way.
                var offset = position + 1, highs: UInt64 = 0
                var close = -1
                while offset + 8 <= count {
                    let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                    let quotes = CSVByteClasses.matching(word, CSVByteClasses.quotes8)
                    let before: UInt64 = quotes == 0 ? ~0 : ~(~0 << UInt64(quotes.trailingZeroBitCount & ~7))
                    highs |= word & before
                    lines += (CSVByteClasses.matching(word, CSVByteClasses.newlines8) & before).nonzeroBitCount
                    if quotes != 0 {
                        close = offset + quotes.trailingZeroBitCount / 8
                        break
                    }
                    offset += 8
                }
                if close < 0 {
                    while offset < count, base[offset] != UInt8(ascii: "\"") {
                        highs |= UInt64(base[offset])
                        if base[offset] == newline { lines += 1 }
                        offset += 1
                    }
                    guard offset < count else { return nil }  // not closed in these bytes
                    close = offset
                }
                if highs & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
                append(position + 1)
                append(close)
                let after = close + 1
                if after == count { return after - start > limit ? nil : (after, lines, high < 0x80) }
                switch base[after] {
                case UInt8(ascii: ","): position = after + 1
                case newline: return after - start > limit ? nil : (after + 1, lines, high < 0x80)
                case UInt8(ascii: "\r") where after + 1 < count && base[after + 1] == newline:
                    return after - start > limit ? nil : (after + 2, lines, high < 0x80)
                default: return nil  // a doubled quote, or text after the closing quote
                }
                continue
            }
            var end = position
            // Eight bytes at a time up to the first comma, line end or quote.
            while end + 8 <= count {
                let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
                let stops = CSVByteClasses.matching(word, CSVByteClasses.commas8)
                    | CSVByteClasses.matching(word, CSVByteClasses.newlines8)
                    | CSVByteClasses.matching(word, CSVByteClasses.quotes8)
                let before = stops == 0 ? 8 : stops.trailingZeroBitCount / 8
                let field = before == 8 ? word : word & ~(~0 << UInt64(before * 8))
                if field & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
                end += before
                if before < 8 { break }
            }
            while end < count {
                let byte = base[end]
                if byte == UInt8(ascii: ",") || byte == newline { break }
                if byte == UInt8(ascii: "\"") { return nil }  // a quote inside an unquoted field
                high |= byte
                end += 1
            }
            if end < count, base[end] == UInt8(ascii: ",") {
                append(position)
                append(end)
                position = end + 1
                continue
            }
            // The record's last field: a carriage return before the line end is not part of it.
            var fieldEnd = end
            if fieldEnd > position, base[fieldEnd - 1] == UInt8(ascii: "\r") { fieldEnd -= 1 }
            append(position)
            append(fieldEnd)
            guard end - start <= limit else { return nil }
            return (end < count ? end + 1 : end, lines, high < 0x80)
        }
    }

    func deallocate() { storage.deallocate() }
}

/// One record's fields as bytes, valid only inside the call that receives it.
struct CSVFields {
    let base: UnsafePointer<UInt8>
    /// Start and end offsets of each field, from `base`.
    let bounds: UnsafeBufferPointer<Int>
    /// The line the record starts on, counted from 1 at the piece's start.
    let line: Int
    /// Why the record cannot be parsed, if it cannot.
    let problem: String?
    /// True when every byte is ASCII (so the record is valid UTF-8).
    let isASCII: Bool

    /// The number of fields.
    var count: Int { bounds.count / 2 }

    /// The bytes of field `index`.
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + bounds[2 * index], count: bounds[2 * index + 1] - bounds[2 * index])
    }

    /// True when every field is valid UTF-8.
    var isValidUTF8: Bool {
        isASCII || (0..<count).allSatisfy { UTF8Validation.isValid(self[$0]) }
    }
}
