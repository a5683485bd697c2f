#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI
import TutahiYAML
import TutahiColumns
import TutahiSupport

/// Reads a CSV file in large blocks, cuts each block into pieces at record boundaries and parses
/// the pieces on several threads, then hands the results on in file order.
///
/// A block without a quote character is cut at line ends; one with quotes is cut where the CSV
/// state machine says a record ends, so a quoted line break never splits a record. Memory stays
/// bounded by the block size whatever the file's size.
struct CSVBlocks {
    /// Bytes read at a time.
    var blockSize = 16 << 20
    /// Threads parsing pieces; 1 parses on the calling thread.
    var workers = 1
    /// The longest record read; a longer one is reported to `oversized` and skipped.
    var maximumRecordBytes = 64 << 20

    /// Reads the file at `path`: `header` gets the first record (nil for an empty file), `parse`
    /// gets each piece (on any thread) and returns its result with the piece's line ends (what
    /// ``CSVPiece/forEachRecord(_:)`` returns), and `merge` gets each piece's result, in order, with
    /// the line the piece starts on (a piece's records carry lines counted from 1 at its start). A
    /// record longer than `maximumRecordBytes` is passed over without being held, and `oversized`
    /// gets its line.
    func read<Piece>(
        path: String, header: (CSVRecord?) throws -> Void, parse: (CSVPiece) -> (Piece, lineEnds: Int),
        merge: (Piece, _ firstLine: Int) throws -> Void, oversized: (_ line: Int) throws -> Void
    ) throws {
        let fd = try openForReading(path)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: blockSize)
        var filled = 0, endOfFile = false, first = true, line = 1
        /// Whether the first `count` bytes of the buffer have a quote, when known (looked for beside
        /// the merge, so that the cut into pieces need not look on its own).
        var scanned: (count: Int, hasQuotes: Bool)?
        /// True when the last block had no quote.
        var expectNoQuotes = false
        /// Reads until the buffer is full or the file ends.
        func fill() throws {
            while !endOfFile, filled < buffer.count {
                guard let count = buffer.withUnsafeMutableBytes({
                    FileDescriptorIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                }) else { throw FileBytes.ReadError(path: path, reason: String(cString: strerror(errno))) }
                if count == 0 { endOfFile = true }
                filled += count
            }
        }
        while !(endOfFile && filled == 0) {
            try fill()
            var start = 0
            if first {
                if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                let (record, end, lines) = buffer.withUnsafeBufferPointer {
                    Self.firstRecord(UnsafeBufferPointer(rebasing: $0[start..<filled]), atEnd: endOfFile, line: line)
                }
                guard end > 0 || endOfFile else {
                    try grow(&buffer)
                    continue
                }
                first = false
                try header(record)
                start += end
                line += lines
                // Drop the header's bytes, so that the rest is read as data even if the buffer must grow.
                Self.moveToFront(&buffer, start..<filled)
                filled -= start
                start = 0
            }
            // After a block without quotes, the next is cut at line ends without looking for quotes
            // first: each piece looks for them as it is parsed, and a block in which one turns up is
            // cut again where its records end and parsed again.
            let known: Bool?
            if expectNoQuotes {
                known = false
            } else {
                known = start == 0 && scanned?.count == filled ? scanned?.hasQuotes : nil
            }
            var (pieces, used, hasQuotes) = buffer.withUnsafeBufferPointer {
                split(UnsafeBufferPointer(rebasing: $0[start..<filled]), atEnd: endOfFile, hasQuotes: known)
            }
            if used == 0, !endOfFile, filled == buffer.count {
                guard buffer.count >= maximumRecordBytes else {
                    try grow(&buffer)
                    continue
                }
                // One record fills the largest buffer: pass over it without keeping it.
                let skipped = try skipRecord(fd: fd, path: path, buffer: &buffer, filled: filled)
                try oversized(line)
                line += skipped.lines
                filled = skipped.filled
                endOfFile = skipped.endOfFile
                continue
            }
            var parsedPieces = buffer.withUnsafeBufferPointer {
                parsePieces(pieces, of: $0, from: start, hasQuotes: hasQuotes, checking: expectNoQuotes, parse)
            }
            if parsedPieces == nil {
                (pieces, used, hasQuotes) = buffer.withUnsafeBufferPointer {
                    split(UnsafeBufferPointer(rebasing: $0[start..<filled]), atEnd: endOfFile, hasQuotes: true)
                }
                parsedPieces = buffer.withUnsafeBufferPointer {
                    parsePieces(pieces, of: $0, from: start, hasQuotes: true, checking: false, parse)
                }
            }
            let results = parsedPieces ?? []
            expectNoQuotes = !hasQuotes
            // The parsed pieces hold no bytes of the buffer: they are merged while the rest of the
            // buffer moves to its front and the next bytes are read (and, after a block with quotes,
            // looked over for them), on two threads.
            var failure: (any Error)?, readFailure: (any Error)?
            scanned = nil
            Parallel.forEach(2, workers: min(2, workers)) { job in
                if job == 0 {
                    do {
                        for case let (piece, lines)? in results {
                            try merge(piece, line)
                            line += lines
                        }
                    } catch {
                        failure = error
                    }
                } else {
                    Self.moveToFront(&buffer, (start + used)..<filled)
                    filled -= start + used
                    do { try fill() } catch { readFailure = error }
                    if !expectNoQuotes {
                        scanned = buffer.withUnsafeBufferPointer { bytes in
                            (filled, Self.hasQuote(UnsafeBufferPointer(rebasing: bytes[..<filled])))
                        }
                    }
                }
            }
            if let failure = failure ?? readFailure { throw failure }
        }
    }

    /// `pieces` (ranges from `start` of `bytes`) parsed by `parse` on every thread, in order; nil when
    /// `checking` and a piece has a quote (it was then cut without looking for one).
    private func parsePieces<Piece>(
        _ pieces: [Range<Int>], of bytes: UnsafeBufferPointer<UInt8>, from start: Int, hasQuotes: Bool, checking: Bool,
        _ parse: (CSVPiece) -> (Piece, lineEnds: Int)
    ) -> [(Piece, lineEnds: Int)?]? {
        let parts = pieces.map { piece in
            CSVPiece(
                bytes: UnsafeBufferPointer(rebasing: bytes[(start + piece.lowerBound)..<(start + piece.upperBound)]),
                maximumRecordBytes: maximumRecordBytes, hasQuotes: hasQuotes)
        }
        var results = [(Piece, lineEnds: Int)?](repeating: nil, count: parts.count)
        var quoted = [Bool](repeating: false, count: parts.count)
        results.withUnsafeMutableBufferPointer { slots in
            quoted.withUnsafeMutableBufferPointer { quoted in
                Parallel.forEach(parts.count, workers: workers) { index in
                    if checking, Self.hasQuote(parts[index].bytes) {
                        quoted[index] = true
                        return
                    }
                    slots[index] = parse(parts[index])
                }
            }
        }
        return quoted.contains(true) ? nil : results
    }

    /// True when a byte of `bytes` is a quote.
    private static func hasQuote(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) != nil
    }

    /// The size of the file at `path` in bytes, when it can be read.
    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Reads past the record at the start of `buffer` (which holds `filled` bytes and no record end),
    /// keeping none of it; returns the lines it spanned and leaves what follows it at the front.
    private func skipRecord(fd: Int32, path: String, buffer: inout [UInt8], filled: Int) throws
        -> (lines: Int, filled: Int, endOfFile: Bool)
    {
        var parser = CSVReader.Parser(maximumRecordBytes: 0)
        var count = filled
        while true {
            for offset in 0..<count where parser.consume(buffer[offset]) != nil {
                Self.moveToFront(&buffer, (offset + 1)..<count)
                return (parser.line - 1, count - offset - 1, false)
            }
            guard let read = buffer.withUnsafeMutableBytes({ FileDescriptorIO.read(fd, into: $0) }) else {
                throw FileBytes.ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if read == 0 {
                _ = parser.finish()
                return (parser.line - 1, 0, true)
            }
            count = read
        }
    }

    /// Moves the bytes in `range` to the start of `buffer`.
    private static func moveToFront(_ buffer: inout [UInt8], _ range: Range<Int>) {
        guard range.lowerBound > 0, !range.isEmpty else { return }
        buffer.withUnsafeMutableBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            memmove(base, base + range.lowerBound, range.count)
        }
    }

    private func grow(_ buffer: inout [UInt8]) throws {
        guard buffer.count < maximumRecordBytes * 2 else {
            throw CSVBlockError(reason: "a record is longer than \(maximumRecordBytes) bytes")
        }
        buffer.append(contentsOf: repeatElement(0, count: buffer.count))
    }

    /// The header record, the bytes it takes and the lines it spans; an end of 0 means it is not complete yet.
    private static func firstRecord(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, line: Int)
        -> (CSVRecord?, Int, Int)
    {
        var parser = CSVReader.Parser(maximumRecordBytes: 64 << 20, line: line)
        for (offset, byte) in bytes.enumerated() {
            if let record = parser.consume(byte) { return (record, offset + 1, parser.line - line) }
        }
        guard atEnd else { return (nil, 0, 0) }
        return (parser.finish(), bytes.count, parser.line - line)
    }

    /// Where each record in `bytes` (which start at a record's start) ends: after every line end
    /// outside a quoted field, as the CSV state machine reads them. A quote opens a quoted field only
    /// at a field's start; inside one, a doubled quote is a quote and a single one closes it.
    static func recordEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        let count = bytes.count
        let quote = Int32(UInt8(ascii: "\"")), newline = Int32(UInt8(ascii: "\n"))
        func find(_ byte: Int32, from start: Int, to end: Int) -> Int? {
            guard start < end, let found = memchr(base + start, byte, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        var ends: [Int] = []
        var position = 0  // outside any quoted field
        while position < count {
            let next = find(quote, from: position, to: count) ?? count
            var line = position
            while let end = find(newline, from: line, to: next) {
                ends.append(end + 1)
                line = end + 1
            }
            if next == count { break }
            let opensField = next == 0 || base[next - 1] == UInt8(ascii: ",") || base[next - 1] == UInt8(ascii: "\n")
            guard opensField else {
                position = next + 1  // a quote inside an unquoted field is text
                continue
            }
            var search = next + 1
            while true {
                guard let close = find(quote, from: search, to: count) else { return ends }  // not closed here
                if close + 1 < count, base[close + 1] == UInt8(ascii: "\"") {
                    search = close + 2
                    continue
                }
                position = close + 1
                break
            }
        }
        return ends
    }

    /// Cuts `bytes` into about `2 × workers` pieces of whole records; `used` is where the last whole
    /// record ends (all of it at the end of the file), and `hasQuotes` whether any byte is a quote
    /// (given, when the caller has looked).
    private func split(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, hasQuotes known: Bool?)
        -> (pieces: [Range<Int>], used: Int, hasQuotes: Bool)
    {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ([], 0, false) }
        let boundaries: (Int) -> Int?
        let used: Int
        let hasQuotes = known ?? Self.hasQuote(bytes)
        if !hasQuotes {
            if atEnd {
                used = bytes.count
            } else {
                used = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            }
            boundaries = { target in
                guard target < used, let found = memchr(base + target, Int32(UInt8(ascii: "\n")), used - target) else {
                    return nil
                }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
        } else {
            let ends = Self.recordEnds(bytes)
            used = atEnd ? bytes.count : (ends.last ?? 0)
            boundaries = { target in
                var low = 0, high = ends.count
                while low < high {
                    let middle = (low + high) / 2
                    if ends[middle] <= target { low = middle + 1 } else { high = middle }
                }
                return low < ends.count && ends[low] < used ? ends[low] : nil
            }
        }
        guard used > 0 else { return ([], 0, hasQuotes) }
        let count = workers == 1 ? 1 : 2 * workers
        var pieces: [Range<Int>] = []
        var start = 0
        for index in 1..<count {
            guard let end = boundaries(used * index / count), end > start else { continue }
            pieces.append(start..<end)
            start = end
        }
        pieces.append(start..<used)
        return (pieces, used, hasQuotes)
    }
}

/// A CSV file that cannot be cut into records.
struct CSVBlockError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
