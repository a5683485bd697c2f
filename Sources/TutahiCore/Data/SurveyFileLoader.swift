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
        var questions: [(name: String, index: Int)] = []
        let checks = collector.rowChecks
        do {
            try blocks.read(
                path: path,
                header: { record in
                    let parsed = try CSVHeader(record, required: required, file: source.path)
                    header = parsed
                    if source.format == .wide { questions = wideQuestions(parsed) }
                },
                parse: { piece in
                    var rows: [(line: Int, row: Result<CheckedRow, Rejection>)] = []
                    guard let header else { return rows }
                    piece.forEachRecord { fields in
                        do throws(Rejection) {
                            let row: CheckedRow?
                            switch source.format {
                            case .long: row = try checkLong(fields, header, checks)
                            case .wide: row = try checkWide(fields, header, questions, checks)
                            }
                            if let row { rows.append((fields.line, .success(row))) }
                        } catch {
                            rows.append((fields.line, .failure(error)))
                        }
                    }
                    return rows
                },
                merge: { rows, firstLine in
                    for (line, row) in rows {
                        do throws(Rejection) {
                            switch try row.get() {
                            case .answer(let envelope, let instant, let question, let value):
                                try collector.acceptAnswer(envelope, at: instant, question: question, value: value)
                            case .response(let envelope, let instant, let answers):
                                try collector.acceptResponse(envelope, at: instant, answers: answers)
                            }
                        } catch {
                            rejections.record(error, file: source.path, line: firstLine + line - 1)
                        }
                    }
                },
                oversized: { line in rejections.record(Rejection(.badCSV), file: source.path, line: line) })
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: source.path, message: "\(error)")
        }
    }

    /// A row that passed every check but those spanning rows (duplicates, consistency).
    private enum CheckedRow {
        case answer(SurveyCollector.Envelope, Instant, question: String, value: Int)
        case response(SurveyCollector.Envelope, Instant, answers: [String: Int])
    }

    private func wideQuestions(_ header: CSVHeader) -> [(name: String, index: Int)] {
        if let listed = source.questions {
            return listed.compactMap { name in header.index(of: name).map { (name, $0) } }
        }
        let mapped = Set(["response_id", "respondent", "about", "submitted_at"].map(source.column))
        return header.names.enumerated().filter { !mapped.contains($0.element) }.map { ($0.element, $0.offset) }
    }

    private func checkRecord(_ fields: CSVFields, _ header: CSVHeader) throws(Rejection) {
        if fields.problem != nil || fields.count != header.count || !fields.isValidUTF8 { throw Rejection(.badCSV) }
    }

    private func text(_ fields: CSVFields, _ header: CSVHeader, _ column: String) -> String {
        header.index(of: source.column(column)).map { String(decoding: fields[$0], as: UTF8.self) } ?? ""
    }

    private func envelope(_ fields: CSVFields, _ header: CSVHeader) -> SurveyCollector.Envelope {
        SurveyCollector.Envelope(
            responseID: text(fields, header, "response_id"), respondent: text(fields, header, "respondent"),
            about: text(fields, header, "about"), submittedAt: text(fields, header, "submitted_at"))
    }

    /// Checks one long-format answer up to its parties; nil for a blank value.
    private func checkLong(_ fields: CSVFields, _ header: CSVHeader, _ collector: SurveyRowChecks)
        throws(Rejection) -> CheckedRow?
    {
        try checkRecord(fields, header)
        let value = text(fields, header, "value")
        if value.isEmpty { return nil }
        let envelope = envelope(fields, header)
        let question = text(fields, header, "question")
        let instant = try collector.checkFields(envelope, question: question)
        guard let number = SurveyCollector.integer(value) else { throw Rejection(.badValue, field: "value") }
        try collector.checkParties(envelope)
        return .answer(envelope, instant, question: question, value: number)
    }

    /// Checks one wide-format response up to its parties; nil when no question is answered.
    private func checkWide(
        _ fields: CSVFields, _ header: CSVHeader, _ questions: [(name: String, index: Int)],
        _ collector: SurveyRowChecks
    ) throws(Rejection) -> CheckedRow? {
        try checkRecord(fields, header)
        let answered = questions.filter { !fields[$0.index].isEmpty }
        if answered.isEmpty { return nil }
        let envelope = envelope(fields, header)
        let instant = try collector.checkFields(envelope)
        var answers: [String: Int] = [:]
        for question in answered {
            guard let number = SurveyCollector.integer(String(decoding: fields[question.index], as: UTF8.self)) else {
                throw Rejection(.badValue, field: question.name)
            }
            answers[question.name] = number
        }
        try collector.checkParties(envelope)
        return .response(envelope, instant, answers: answers)
    }
}
