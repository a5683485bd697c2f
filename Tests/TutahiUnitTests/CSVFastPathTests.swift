import Testing
@testable import TutahiCore

/// Loading reads most records without the CSV state machine: unquoted lines are cut at commas, and
/// well-formed quoted records and record ends are found by searching for quotes. On any text, they
/// must read exactly what the state machine reads.
@Suite("CSV fast paths read what the state machine reads")
struct CSVFastPathTests {
    /// A deterministic generator of CSV-like text, valid and not.
    struct Text {
        var random: SplitMix64

        init(state: UInt64) { random = SplitMix64(seed: state) }

        mutating func next() -> UInt64 { random.next() }

        /// Records of short fields, some quoted (with commas, line ends and doubled quotes inside),
        /// with stray quotes, text after closing quotes, carriage returns and blank lines now and then.
        mutating func bytes(records: Int, long: Bool = false) -> [UInt8] {
            // Long fields reach the paths that read eight bytes at a time.
            let items = long ? 40 : 5, letters = long ? 24 : 3
            var out: [UInt8] = []
            for _ in 0..<records {
                let fields = 1 + Int(next() % 4)
                for field in 0..<fields {
                    if field > 0 { out.append(UInt8(ascii: ",")) }
                    switch next() % 10 {
                    case 0...4 where long:
                        out += (0..<Int(next() % UInt64(letters))).map { _ in next() % 9 == 0 ? 0xC3 : UInt8(ascii: "a") }
                    case 0...4: out += Array("ab".utf8.prefix(Int(next() % 3)))
                    case 5...7:
                        out.append(UInt8(ascii: "\""))
                        for _ in 0..<Int(next() % UInt64(items)) {
                            out += [[UInt8(ascii: "x")], [UInt8(ascii: ",")], [UInt8(ascii: "\n")], [0x22, 0x22],
                                    [0xC3, 0xA9], [UInt8(ascii: "\r")]][Int(next() % 6)]
                        }
                        out.append(UInt8(ascii: "\""))
                        if next() % 12 == 0 { out.append(UInt8(ascii: "z")) }  // text after the closing quote
                    case 8: out += Array("a\"b".utf8)  // a quote inside an unquoted field
                    default: out += next() % 2 == 0 ? [0xC3, 0xA9] : []
                    }
                }
                if next() % 5 == 0 { out.append(UInt8(ascii: "\r")) }
                out.append(UInt8(ascii: "\n"))
                if next() % 15 == 0 { out.append(UInt8(ascii: "\n")) }
            }
            if next() % 3 == 0, out.last == UInt8(ascii: "\n") { out.removeLast() }
            if next() % 7 == 0 { out.append(UInt8(ascii: "\"")) }  // a quoted field left open at the end
            return out
        }
    }

    /// What a reader made of a record: its line, and its fields unless it has a problem.
    struct Read: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [[UInt8]]?
        var description: String { "line \(line): \(fields.map { "\($0.map { Array($0) })" } ?? "problem")" }
    }

    /// What the state machine reads in `bytes`.
    static func stateMachine(_ bytes: [UInt8]) -> [Read] {
        CSVReader(maximumRecordBytes: 1 << 20).records(in: bytes).map { record in
            Read(line: record.line, fields: record.problem == nil ? (0..<record.count).map { Array(record.fieldBytes($0)) } : nil)
        }
    }

    /// What the fast paths read in `bytes`: the records, the line ends counted, and how many
    /// records were said to be all ASCII, or not, wrongly.
    static func fastPaths(_ bytes: [UInt8], hasQuotes: Bool = true) -> (records: [Read], lineEnds: Int, asciiMistakes: Int) {
        var read: [Read] = []
        var asciiMistakes = 0
        let lineEnds = bytes.withUnsafeBufferPointer { buffer in
            CSVPiece(bytes: buffer, maximumRecordBytes: 1 << 20, hasQuotes: hasQuotes).forEachRecord { fields in
                let values = (0..<fields.count).map { Array(fields[$0]) }
                if fields.problem == nil, fields.isASCII != values.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) {
                    asciiMistakes += 1
                }
                read.append(Read(line: fields.line, fields: fields.problem == nil ? values : nil))
            }
        }
        return (read, lineEnds, asciiMistakes)
    }

    /// Checks the fast paths against the state machine on `texts` random texts; true when all agree.
    static func agree(on texts: Int, seed: UInt64, long: Bool) -> Bool {
        var text = Text(state: seed)
        for _ in 0..<texts {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12), long: long)
            let expected = stateMachine(bytes), read = fastPaths(bytes)
            let lineEnds = bytes.filter { $0 == UInt8(ascii: "\n") }.count
            #expect(read.records == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(read.lineEnds == lineEnds)
            #expect(read.asciiMistakes == 0, "records said to be ASCII or not wrongly")
            if read.records != expected || read.lineEnds != lineEnds || read.asciiMistakes > 0 { return false }
        }
        return true
    }

    @Test("the same records, fields, lines and problems as the state machine, every line end counted and ASCII told rightly, on 2,000 random texts")
    func sameRecords() {
        _ = Self.agree(on: 2_000, seed: 2011, long: false)
    }

    @Test("the same with long fields, which the fast paths read eight bytes at a time, on 1,000 random texts")
    func sameRecordsWithLongFields() {
        _ = Self.agree(on: 1_000, seed: 1893, long: true)
    }

    @Test("record ends found by searching for quotes are where the state machine ends records")
    func sameRecordEnds() {
        var text = Text(state: 1840)
        for _ in 0..<2_000 {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12))
            var parser = CSVReader.Parser(maximumRecordBytes: 1 << 20)
            var expected: [Int] = []
            for (offset, byte) in bytes.enumerated() {
                _ = parser.consume(byte)
                if byte == UInt8(ascii: "\n"), parser.atRecordStart { expected.append(offset + 1) }
            }
            let ends = bytes.withUnsafeBufferPointer { CSVBlocks.recordEnds($0) }
            #expect(ends == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if ends != expected { return }
        }
    }

    @Test("a piece known to have no quote reads as one that is searched for quotes")
    func withoutQuotes() {
        var text = Text(state: 2026)
        for _ in 0..<1_000 {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12)).filter { $0 != UInt8(ascii: "\"") }
            let searched = Self.fastPaths(bytes, hasQuotes: true), known = Self.fastPaths(bytes, hasQuotes: false)
            #expect(known.records == searched.records && known.lineEnds == searched.lineEnds)
            if known.records != searched.records { return }
        }
    }
}

/// The classes of 64 bytes that cutting unquoted records relies on, found 16 bytes at a time with
/// SSE2 on x86-64, eight at a time in a word elsewhere, and one at a time at the end of a piece.
@Suite("CSV byte classes")
struct CSVByteClassesTests {
    /// The classes of `bytes[start..<min(count, start + 64)]`, one byte at a time.
    static func expected(_ bytes: [UInt8], at start: Int, count: Int, quotes: Bool) -> [UInt64] {
        var masks: [UInt64] = [0, 0, 0, 0]
        for offset in start..<min(count, start + 64) {
            let bit: UInt64 = 1 << UInt64(offset - start)
            if bytes[offset] == UInt8(ascii: ",") { masks[0] |= bit }
            if bytes[offset] == UInt8(ascii: "\n") { masks[1] |= bit }
            if quotes, bytes[offset] == UInt8(ascii: "\"") { masks[2] |= bit }
            if bytes[offset] >= 0x80 { masks[3] |= bit }
        }
        return masks
    }

    static func masks(_ classes: CSVByteClasses) -> [UInt64] {
        [classes.commas, classes.newlines, classes.quotes, classes.high]
    }

    @Test("every comma, line end, quote and non-ASCII byte is found, by every way of finding them, none past the end")
    func classesOfRandomBytes() {
        var random = SplitMix64(seed: 64)
        // Mostly the bytes that matter, and their neighbours in value (a carry between bytes of a
        // word would mark a neighbour).
        let alphabet: [UInt8] = [
            0x2C, 0x2B, 0x2D, 0x0A, 0x0B, 0x09, 0x22, 0x21, 0x23, 0x80, 0x7F, 0xFF, 0x00, 0x61, 0xAC, 0x8A,
        ]
        for _ in 0..<2_000 {
            let bytes = (0..<(64 + Int(random.next() % 96))).map { _ in
                alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            let start = Int(random.next() % UInt64(bytes.count)), quotes = random.next() % 2 == 0
            // A piece ending anywhere: at most 64 bytes read, and none past its end.
            let count = start + Int(random.next() % UInt64(bytes.count - start + 1))
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let found = CSVByteClasses(base, at: start, count: count, lookingForQuotes: quotes)
                #expect(found.start == start)
                #expect(Self.masks(found) == Self.expected(bytes, at: start, count: count, quotes: quotes))
                if start + 64 <= bytes.count {
                    let portable = CSVByteClasses(
                        portableAt: UnsafeRawPointer(base + start), start: start, lookingForQuotes: quotes)
                    #expect(Self.masks(portable) == Self.expected(bytes, at: start, count: bytes.count, quotes: quotes))
                }
            }
        }
    }
}
