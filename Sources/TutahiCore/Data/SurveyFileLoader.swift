import TutahiPluginAPI

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
                                try checkLong(fields, layout, checks, into: &batch)
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

    /// Checks one long-format answer; a blank value is skipped.
    private func checkLong(
        _ fields: CSVFields, _ layout: Layout, _ checks: SurveyRowChecks, into batch: inout SurveyBatch
    ) throws(Rejection) {
        let value = fields[layout.value]
        if value.isEmpty { return }
        let respondent = fields[layout.respondent], about = fields[layout.about], question = fields[layout.question]
        let submittedAt = try checks.checkFields(
            responseID: fields[layout.responseID], respondent: respondent, about: about, question: question,
            submittedAt: fields[layout.submittedAt])
        guard let number = SurveyCollector.integer(value) else { throw Rejection(.badValue, field: "value") }
        let parties = try checks.checkParties(respondent: respondent, about: about)
        batch.appendAnswer(question: question, value: number)
        batch.appendRow(
            .init(responseID: fields[layout.responseID], respondent: parties.respondent, about: parties.about,
                  submittedAt: submittedAt),
            line: fields.line)
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
