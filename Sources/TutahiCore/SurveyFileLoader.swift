import TutahiPluginAPI

/// Reads one survey file, long or wide, into a ``SurveyCollector``.
struct SurveyFileLoader {
    let source: SurveySource
    let path: String

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
        do {
            try CSVReader().read(path: path) { record in
                guard let columns = header else {
                    let parsed = try CSVHeader(record, required: required, file: source.path)
                    header = parsed
                    if source.format == .wide { questions = wideQuestions(parsed) }
                    return
                }
                do {
                    switch source.format {
                    case .long: try acceptLong(record, columns, &collector)
                    case .wide: try acceptWide(record, columns, questions, &collector)
                    }
                } catch let rejection as Rejection {
                    rejections.record(rejection, file: source.path, line: record.line)
                }
            }
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: source.path, message: "\(error)")
        }
        if header == nil {
            throw DataLoadError(file: source.path, message: "the file is empty; expected a header with \(required.joined(separator: ","))")
        }
    }

    private func wideQuestions(_ header: CSVHeader) -> [(name: String, index: Int)] {
        if let listed = source.questions {
            return listed.compactMap { name in header.index(of: name).map { (name, $0) } }
        }
        let mapped = Set(["response_id", "respondent", "about", "submitted_at"].map(source.column))
        return header.names.enumerated().filter { !mapped.contains($0.element) }.map { ($0.element, $0.offset) }
    }

    private func checkRecord(_ record: CSVRecord, _ header: CSVHeader) throws(Rejection) {
        if record.problem != nil || record.count != header.count || !record.isValidUTF8 { throw Rejection(.badCSV) }
    }

    private func envelope(_ record: CSVRecord, _ header: CSVHeader) -> SurveyCollector.Envelope {
        SurveyCollector.Envelope(
            responseID: header.value(source.column("response_id"), in: record) ?? "",
            respondent: header.value(source.column("respondent"), in: record) ?? "",
            about: header.value(source.column("about"), in: record) ?? "",
            submittedAt: header.value(source.column("submitted_at"), in: record) ?? "")
    }

    private func acceptLong(_ record: CSVRecord, _ header: CSVHeader, _ collector: inout SurveyCollector)
        throws(Rejection)
    {
        try checkRecord(record, header)
        let value = header.value(source.column("value"), in: record) ?? ""
        if value.isEmpty { return }
        let envelope = envelope(record, header)
        let question = header.value(source.column("question"), in: record) ?? ""
        let instant = try collector.checkFields(envelope, question: question)
        guard let number = SurveyCollector.integer(value) else { throw Rejection(.badValue, field: "value") }
        try collector.checkParties(envelope)
        try collector.acceptAnswer(envelope, at: instant, question: question, value: number)
    }

    private func acceptWide(
        _ record: CSVRecord, _ header: CSVHeader, _ questions: [(name: String, index: Int)],
        _ collector: inout SurveyCollector
    ) throws(Rejection) {
        try checkRecord(record, header)
        let answered = questions.filter { !record.isEmpty($0.index) }
        if answered.isEmpty { return }
        let envelope = envelope(record, header)
        let instant = try collector.checkFields(envelope)
        var answers: [String: Int] = [:]
        for question in answered {
            guard let number = record.field(question.index).flatMap(SurveyCollector.integer) else {
                throw Rejection(.badValue, field: question.name)
            }
            answers[question.name] = number
        }
        try collector.checkParties(envelope)
        try collector.acceptResponse(envelope, at: instant, answers: answers)
    }
}
