import TutahiPluginAPI
import TutahiColumns

/// Reads one survey file, long or wide, into a ``SurveyCollector``.
struct SurveyFileLoader {
    let source: SurveySource
    let path: String
    /// How the file is read (threads, block size).
    var blocks = CSVBlocks()

    func load(into collector: inout SurveyCollector, rejections: inout RejectionLog) throws(DataLoadError) {
        let required: [String]
        switch source.format {
        case .long:
            required = ["response_id", "respondent", "about", "question", "value", "submitted_at"].map(source.column)
        case .wide:
            required = ["response_id", "respondent", "about", "submitted_at"].map(source.column) + (source.questions ?? [])
        }
        var header: CSVHeader?
        var layout = Layout()
        let checks = collector.rowChecks
        let wide = source.format == .wide
        do {
            try blocks.read(
                path: path,
                header: { record in
                    let parsed = try CSVHeader(record, required: required, file: source.path)
                    header = parsed
                    layout = Layout(source: source, header: parsed, questions: wide ? wideQuestions(parsed) : [])
                },
                parse: { (piece: CSVPiece) -> (CheckedPiece, lineEnds: Int) in
                    var batch = SurveyBatch()
                    var rejected: [(line: Int, rejection: Rejection)] = []
                    var last = LastEnvelope()
                    guard let header else {
                        return (CheckedPiece(batch: batch, rejected: rejected), piece.forEachRecord { _ in })
                    }
                    let lineEnds = piece.forEachRecord { fields in
                        do throws(Rejection) {
                            if fields.problem != nil || fields.count != header.count || !fields.isValidUTF8 {
                                throw Rejection(.badCSV)
                            }
                            if wide {
                                try checkWide(fields, layout, checks, into: &batch)
                            } else {
                                try checkLong(fields, layout, checks, last: &last, into: &batch)
                            }
                        } catch {
                            rejected.append((fields.line, error))
                        }
                    }
                    return (CheckedPiece(batch: batch, rejected: rejected), lineEnds)
                },
                merge: { (piece: CheckedPiece, firstLine: Int) in
                    // Rows are accepted and refused in file order: rejections of both kinds merge by line.
                    var refused: [(line: Int, rejection: Rejection)] = []
                    collector.accept(piece.batch, wide: wide) { refused.append(($0, $1)) }
                    var early = piece.rejected[...], late = refused[...]
                    while let next = [early.first, late.first].compactMap({ $0 }).min(by: { $0.line < $1.line }) {
                        if early.first?.line == next.line { early.removeFirst() } else { late.removeFirst() }
                        rejections.record(next.rejection, file: source.path, line: firstLine + next.line - 1)
                    }
                },
                oversized: { line in rejections.record(Rejection(.badCSV), file: source.path, line: line) })
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: source.path, message: "\(error)")
        }
    }

    /// The rows of one piece that passed the checks of a row on its own, and those that did not.
    private struct CheckedPiece {
        var batch: SurveyBatch
        var rejected: [(line: Int, rejection: Rejection)]
    }

    /// Where the standard fields and questions are in a record.
    private struct Layout {
        var responseID = 0, respondent = 0, about = 0, question = 0, value = 0, submittedAt = 0
        var questions: [(name: String, index: Int)] = []

        init() {}

        init(source: SurveySource, header: CSVHeader, questions: [(name: String, index: Int)]) {
            func index(_ name: String) -> Int { header.index(of: source.column(name)) ?? 0 }
            responseID = index("response_id")
            respondent = index("respondent")
            about = index("about")
            submittedAt = index("submitted_at")
            if source.format == .long {
                question = index("question")
                value = index("value")
            }
            self.questions = questions
        }
    }

    private func wideQuestions(_ header: CSVHeader) -> [(name: String, index: Int)] {
        if let listed = source.questions {
            return listed.compactMap { name in header.index(of: name).map { (name, $0) } }
        }
        let mapped = Set(["response_id", "respondent", "about", "submitted_at"].map(source.column))
        return header.names.enumerated().filter { !mapped.contains($0.element) }.map { ($0.element, $0.offset) }
    }

    /// Checks one long-format answer; a blank value is skipped. The rows of one response repeat its
    /// respondent, subject and time: when they are the bytes `last` accepted, what checking them
    /// gave is taken from there.
    private func checkLong(
        _ fields: CSVFields, _ layout: Layout, _ checks: SurveyRowChecks, last: inout LastEnvelope,
        into batch: inout SurveyBatch
    ) throws(Rejection) {
        let value = fields[layout.value]
        if value.isEmpty { return }
        let responseID = fields[layout.responseID], question = fields[layout.question]
        let respondent = fields[layout.respondent], about = fields[layout.about]
        let submitted = fields[layout.submittedAt]
        let number = SurveyCollector.integer(value)
        let envelope: SurveyRowChecks.Envelope
        if last.holds(respondent: respondent, about: about, submittedAt: submitted) {
            // The same checks in the same order, less those the bytes are known to pass.
            if responseID.isEmpty { throw Rejection(.missingField, field: "response_id") }
            if question.isEmpty { throw Rejection(.missingField, field: "question") }
            envelope = .init(
                responseID: responseID, respondent: last.respondentCode, about: last.aboutCode,
                submittedAt: last.submittedAtInstant)
        } else {
            let submittedAt = try checks.checkFields(
                responseID: responseID, respondent: respondent, about: about, question: question,
                submittedAt: submitted)
            if number == nil { throw Rejection(.badValue, field: "value") }
            let parties = try checks.checkParties(respondent: respondent, about: about)
            envelope = .init(
                responseID: responseID, respondent: parties.respondent, about: parties.about, submittedAt: submittedAt)
            last.hold(
                respondent: respondent, about: about, submittedAt: submitted, respondentCode: parties.respondent,
                aboutCode: parties.about, submittedAtInstant: submittedAt)
        }
        guard let number else { throw Rejection(.badValue, field: "value") }
        batch.appendAnswer(question: question, value: number)
        batch.appendRow(envelope, line: fields.line)
    }

    /// Checks one wide-format response; one with no question answered is skipped.
    private func checkWide(
        _ fields: CSVFields, _ layout: Layout, _ checks: SurveyRowChecks, into batch: inout SurveyBatch
    ) throws(Rejection) {
        let answered = layout.questions.filter { !fields[$0.index].isEmpty }
        if answered.isEmpty { return }
        let respondent = fields[layout.respondent], about = fields[layout.about]
        let submittedAt = try checks.checkFields(
            responseID: fields[layout.responseID], respondent: respondent, about: about, question: nil,
            submittedAt: fields[layout.submittedAt])
        var values: [Int] = []
        for question in answered {
            guard let number = SurveyCollector.integer(fields[question.index]) else {
                throw Rejection(.badValue, field: question.name)
            }
            values.append(number)
        }
        let parties = try checks.checkParties(respondent: respondent, about: about)
        for (question, value) in zip(answered, values) {
            var name = question.name
            name.withUTF8 { batch.appendAnswer(question: $0, value: value) }
        }
        batch.appendRow(
            .init(responseID: fields[layout.responseID], respondent: parties.respondent, about: parties.about,
                  submittedAt: submittedAt),
            line: fields.line)
    }
}

/// The respondent, subject and time of the last long-format row whose checks they passed, and what
/// checking them gave. The bytes are copied into memory of its own (a record read through the
/// slow path lives only while it is checked); fields too long to copy are not held.
private struct LastEnvelope: ~Copyable {
    /// Room for the three fields, back to back.
    private static let capacity = 256
    private let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    /// Where the respondent and the subject end in `bytes`, and the time after them.
    private var respondentEnd = 0, aboutEnd = 0, end = 0
    /// False until a row is held.
    private var holdsRow = false
    private(set) var respondentCode: Int32 = -1
    private(set) var aboutCode: Int32 = -1
    private(set) var submittedAtInstant = Instant(nanoseconds: 0)

    deinit { bytes.deallocate() }

    /// Holds the fields of a row that passed, and what checking them gave.
    mutating func hold(
        respondent: UnsafeBufferPointer<UInt8>, about: UnsafeBufferPointer<UInt8>,
        submittedAt: UnsafeBufferPointer<UInt8>, respondentCode: Int32, aboutCode: Int32, submittedAtInstant: Instant
    ) {
        holdsRow = respondent.count + about.count + submittedAt.count <= Self.capacity
        guard holdsRow else { return }
        func copy(_ field: UnsafeBufferPointer<UInt8>, to offset: Int) -> Int {
            if let base = field.baseAddress { (bytes + offset).update(from: base, count: field.count) }
            return offset + field.count
        }
        respondentEnd = copy(respondent, to: 0)
        aboutEnd = copy(about, to: respondentEnd)
        end = copy(submittedAt, to: aboutEnd)
        (self.respondentCode, self.aboutCode, self.submittedAtInstant) = (respondentCode, aboutCode, submittedAtInstant)
    }

    /// True when the three fields are the bytes held.
    func holds(
        respondent: UnsafeBufferPointer<UInt8>, about: UnsafeBufferPointer<UInt8>,
        submittedAt: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        holdsRow && same(submittedAt, at: aboutEnd, end) && same(respondent, at: 0, respondentEnd)
            && same(about, at: respondentEnd, aboutEnd)
    }

    private func same(_ field: UnsafeBufferPointer<UInt8>, at start: Int, _ end: Int) -> Bool {
        guard field.count == end - start else { return false }
        guard let base = field.baseAddress else { return true }
        return bytesEqual(base, bytes + start, count: field.count)
    }
}
