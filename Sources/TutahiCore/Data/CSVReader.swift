/// An RFC 4180 CSV reader over bytes: quoted fields with commas, `""` escapes and line breaks,
/// LF or CRLF line ends, a leading BOM ignored, empty lines skipped. It streams the file in chunks
/// and reports each record with the physical line it starts on.
struct CSVReader {
    /// The longest record kept; a longer one is reported as unparseable but does not exhaust memory.
    var maximumRecordBytes = 64 << 20

    enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterQuotedCR
    }

    /// Reads the file at `path`, calling `body` with every record (the header included).
    func read(path: String, _ body: (CSVRecord) throws -> Void) throws {
        var parser = Parser(maximumRecordBytes: maximumRecordBytes)
        try FileChunks.forEach(path: path) { chunk in
            for byte in chunk {
                if let record = parser.consume(byte) { try body(record) }
            }
        }
        if let record = parser.finish() { try body(record) }
    }

    /// Parses `bytes` held in memory (for tests and small inputs).
    func records(in bytes: [UInt8]) -> [CSVRecord] {
        var parser = Parser(maximumRecordBytes: maximumRecordBytes)
        var records: [CSVRecord] = []
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        for byte in body {
            if let record = parser.consume(byte) { records.append(record) }
        }
        if let record = parser.finish() { records.append(record) }
        return records
    }

    /// The state machine, byte by byte; ``CSVBlocks`` uses it for records with quotes.
    struct Parser {
        let maximumRecordBytes: Int
        var state = State.fieldStart
        var line = 1
        var record = CSVRecord(line: 1)
        var fieldQuoted = false
        var started = false

        init(maximumRecordBytes: Int, line: Int = 1) {
            self.maximumRecordBytes = maximumRecordBytes
            self.line = line
        }

        /// True between records: after a record's line end, or before any byte.
        var atRecordStart: Bool { !started }

        mutating func consume(_ byte: UInt8) -> CSVRecord? {
            if !started {
                started = true
                record.line = line
            }
            switch state {
            case .fieldStart:
                switch byte {
                case UInt8(ascii: "\""):
                    state = .quoted
                    fieldQuoted = true
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\n"): return endRecord()
                default:
                    state = .unquoted
                    append(byte)
                }
            case .unquoted:
                switch byte {
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\n"): return endRecord()
                case UInt8(ascii: "\""):
                    problem("a quote inside an unquoted field")
                    append(byte)
                default: append(byte)
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    append(byte)
                    state = .quoted
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\n"): return endRecord()
                case UInt8(ascii: "\r"): state = .afterQuotedCR
                default:
                    problem("text after a closing quote")
                    state = .unquoted
                    append(byte)
                }
            case .afterQuotedCR:
                if byte == UInt8(ascii: "\n") { return endRecord() }
                problem("text after a closing quote")
                state = .unquoted
                append(byte)
            }
            if byte == UInt8(ascii: "\n") { line += 1 }
            return nil
        }

        mutating func finish() -> CSVRecord? {
            guard started else { return nil }
            if state == .quoted { problem("a quoted field is not closed before the end of the file") }
            return endRecord()
        }

        private mutating func append(_ byte: UInt8) {
            if record.bytes.count < maximumRecordBytes {
                record.bytes.append(byte)
            } else {
                problem("the record is longer than \(maximumRecordBytes) bytes")
            }
        }

        private mutating func problem(_ text: String) {
            if record.problem == nil { record.problem = text }
        }

        private mutating func endField() {
            record.ends.append(record.bytes.count)
            record.quoted.append(fieldQuoted)
            fieldQuoted = false
            state = .fieldStart
        }

        private mutating func endRecord() -> CSVRecord? {
            if !fieldQuoted, state == .unquoted, record.bytes.last == UInt8(ascii: "\r") {
                record.bytes.removeLast()
            }
            endField()
            line += 1
            defer {
                record = CSVRecord(line: line)
                started = false
            }
            let blank = record.count == 1 && record.bytes.isEmpty && !record.quoted[0] && record.problem == nil
            return blank ? nil : record
        }
    }
}
