import TutahiPluginAPI
import TutahiColumns

/// Accepts survey answers from every survey file, applying the checks that span rows and files:
/// duplicates and consistency within a response.
///
/// Rows arrive checked (``SurveyBatch``) and are kept compactly, responses by an interned id and
/// answers in a chain per response; ``responses`` makes the plugin API's values once, at the end.
struct SurveyCollector {
    let zone: Zone
    /// Party ids, sorted; a party's code is its position.
    let partyIDs: [String]
    /// Whether each party is an agency, by code.
    let isAgency: [Bool]
    /// Party codes by id, for checking rows on any thread.
    let partyCodes: ByteInterner

    /// Response ids; a response's code is its position among the accepted responses.
    private var responseIDs = ByteInterner()
    private var respondents: [Int32] = []
    private var abouts: [Int32] = []
    private var times: [Int64] = []
    /// Per response, its first and last answer; per answer, the next of the same response (-1: none).
    private var firstAnswer: [Int32] = []
    private var lastAnswer: [Int32] = []
    private var nextAnswer: [Int32] = []
    private var answerQuestions: [Int32] = []
    private var answerValues: [Int] = []
    /// Question ids; an answer's question is a code into them.
    private var questions = ByteInterner()

    init(parties: [String: Party], zone: Zone) {
        self.zone = zone
        partyIDs = parties.keys.sorted()
        isAgency = partyIDs.map { parties[$0]?.isAgency ?? false }
        partyCodes = ByteInterner(partyIDs)
    }

    /// The checks of one row on its own, for use on any thread.
    var rowChecks: SurveyRowChecks { SurveyRowChecks(parties: partyCodes, isAgency: isAgency, zone: zone) }

    /// The number of accepted responses.
    var count: Int { times.count }

    /// Accepts the rows of `batch` in order (long rows answer by answer, wide rows whole), calling
    /// `rejected` with the line (counted from 1 at the batch's start) and reason of each refused.
    mutating func accept(
        _ batch: SurveyBatch, wide: Bool, rejected: (_ line: Int, _ rejection: Rejection) -> Void
    ) {
        let questionMap = (0..<Int32(batch.questions.count)).map { code in
            batch.questions.withBytes(of: code) { questions.intern($0).code }
        }
        batch.responseIDs.withView { ids in
            var previous: Int32 = -1
            for row in 0..<batch.count {
                // A response's rows are nearly always adjacent: a row with the previous row's id is
                // that response, known without a lookup.
                let (response, inserted) = row > 0 && ids.equals(row, row - 1)
                    ? (previous, false) : responseIDs.intern(ids[row])
                previous = response
                let answers = batch.answerRange(of: row)
                if inserted {
                    respondents.append(batch.respondents[row])
                    abouts.append(batch.abouts[row])
                    times.append(batch.times[row])
                    firstAnswer.append(-1)
                    lastAnswer.append(-1)
                    for answer in answers {
                        addAnswer(response: Int(response), question: questionMap[Int(batch.answerQuestions[answer])],
                                  value: batch.answerValues[answer])
                    }
                    continue
                }
                if wide {
                    rejected(Int(batch.lines[row]), Rejection(.duplicate, field: "response_id"))
                    continue
                }
                guard let answer = answers.first else { continue }
                let question = questionMap[Int(batch.answerQuestions[answer])]
                if hasAnswer(response: Int(response), question: question) {
                    rejected(Int(batch.lines[row]), Rejection(.duplicate, field: "question"))
                } else if respondents[Int(response)] != batch.respondents[row] || abouts[Int(response)] != batch.abouts[row]
                    || times[Int(response)] != batch.times[row]
                {
                    rejected(Int(batch.lines[row]), Rejection(.inconsistentResponse))
                } else {
                    addAnswer(response: Int(response), question: question, value: batch.answerValues[answer])
                }
            }
        }
    }

    private func hasAnswer(response: Int, question: Int32) -> Bool {
        var answer = firstAnswer[response]
        while answer >= 0 {
            if answerQuestions[Int(answer)] == question { return true }
            answer = nextAnswer[Int(answer)]
        }
        return false
    }

    private mutating func addAnswer(response: Int, question: Int32, value: Int) {
        let answer = Int32(answerValues.count)
        answerQuestions.append(question)
        answerValues.append(value)
        nextAnswer.append(-1)
        if lastAnswer[response] >= 0 { nextAnswer[Int(lastAnswer[response])] = answer } else { firstAnswer[response] = answer }
        lastAnswer[response] = answer
    }

    /// Every accepted response, in the order first seen, made on up to `workers` threads.
    ///
    /// The responses are made relationship by relationship, and each relationship's answers are one
    /// block (``SurveyAnswers``): they lie together in memory, as the indicators read them, a
    /// response costs no allocation of its own, and threads working on different relationships
    /// share no block.
    func responses(workers: Int) -> [SurveyResponse] {
        let questionIDs = (0..<Int32(questions.count)).map { questions.string($0) }
        let (order, starts) = relationshipOrder(workers: workers)
        return [SurveyResponse](unsafeUninitializedCapacity: count) { buffer, initialized in
            let shared = UncheckedBox(buffer)
            Parallel.forEachRun(of: starts.count - 1, size: 256, workers: workers) { run in
                for group in run {
                    let members = order[starts[group]..<starts[group + 1]]
                    var answers = 0
                    for response in members { answers += answerCount(of: Int(response)) }
                    var codes: [Int32] = [], values: [Int] = []
                    codes.reserveCapacity(answers)
                    values.reserveCapacity(answers)
                    var ranges: [Range<Int>] = []
                    ranges.reserveCapacity(members.count)
                    for response in members {
                        let first = codes.count
                        var answer = firstAnswer[Int(response)]
                        while answer >= 0 {
                            codes.append(answerQuestions[Int(answer)])
                            values.append(answerValues[Int(answer)])
                            answer = nextAnswer[Int(answer)]
                        }
                        ranges.append(first..<codes.count)
                    }
                    let block = SurveyAnswers.Block(questions: questionIDs, questionCodes: codes, values: values)
                    for (response, range) in zip(members, ranges) {
                        let index = Int(response), respondent = Int(respondents[index])
                        shared.value.initializeElement(at: index, to: SurveyResponse(
                            id: responseIDs.string(response), respondent: partyIDs[respondent],
                            about: partyIDs[Int(abouts[index])], submittedAt: Instant(nanoseconds: times[index]),
                            answers: SurveyAnswers(block: block, range: range),
                            side: isAgency[respondent] ? .agency : .partner))
                    }
                }
            }
            initialized = count
        }
    }

    /// The number of answers of response `response`.
    private func answerCount(of response: Int) -> Int {
        var count = 0, answer = firstAnswer[response]
        while answer >= 0 {
            count += 1
            answer = nextAnswer[Int(answer)]
        }
        return count
    }

    /// Every response, grouped by relationship, and where each group starts (the responses between
    /// two agencies or two partners, if any, are the last group; `starts` ends with the count).
    private func relationshipOrder(workers: Int) -> (order: [Int32], starts: [Int]) {
        let (groups, pairs, others) = RelationshipNumbering(isAgency: isAgency)
            .number(senders: respondents, receivers: abouts, workers: workers)
        let grouped = groups.withUnsafeBufferPointer { groups in
            BucketSort(
                count: count, buckets: pairs.count, workers: workers, bucket: { Int(groups[$0]) },
                entry: { Int32(truncatingIfNeeded: $0) })
        }
        return (grouped.entries + others, others.isEmpty ? grouped.starts : grouped.starts + [count])
    }

    /// Parses a survey value: optional sign, digits, nothing else (too many digits reads as the
    /// largest integer, which no scale accepts).
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits = bytes[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var magnitude = 0, overflow = false
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            if !overflow {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(byte - 48))
                if o1 || o2 { overflow = true } else { magnitude = sum }
            }
        }
        if overflow { magnitude = Int.max }
        return negative ? -magnitude : magnitude
    }
}

/// The checks of one survey row that need no other row: fields, timestamp, parties, direction.
struct SurveyRowChecks: Sendable {
    let parties: ByteInterner
    let isAgency: [Bool]
    let zone: Zone

    /// The fields common to every answer of a response, checked.
    struct Envelope {
        var responseID: UnsafeBufferPointer<UInt8>
        var respondent: Int32
        var about: Int32
        var submittedAt: Instant
    }

    /// Checks the envelope's fields in order (missing, then the timestamp; `question` only in the
    /// long format) and returns the submission time.
    func checkFields(
        responseID: UnsafeBufferPointer<UInt8>, respondent: UnsafeBufferPointer<UInt8>,
        about: UnsafeBufferPointer<UInt8>, question: UnsafeBufferPointer<UInt8>?, submittedAt: UnsafeBufferPointer<UInt8>
    ) throws(Rejection) -> Instant {
        if responseID.isEmpty { throw Rejection(.missingField, field: "response_id") }
        if respondent.isEmpty { throw Rejection(.missingField, field: "respondent") }
        if about.isEmpty { throw Rejection(.missingField, field: "about") }
        if let question, question.isEmpty { throw Rejection(.missingField, field: "question") }
        if submittedAt.isEmpty { throw Rejection(.missingField, field: "submitted_at") }
        guard let submitted = Timestamp.parse(submittedAt) else { throw Rejection(.badTimestamp, field: "submitted_at") }
        return submitted.start(in: zone)
    }

    /// Checks the parties named and the direction of the answer: one side about the other (a
    /// partner about an agency, or an agency about a partner), never two agencies or two partners.
    func checkParties(respondent: UnsafeBufferPointer<UInt8>, about: UnsafeBufferPointer<UInt8>)
        throws(Rejection) -> (respondent: Int32, about: Int32)
    {
        guard let respondentCode = parties.code(of: respondent) else { throw Rejection(.unknownParty, field: "respondent") }
        guard let aboutCode = parties.code(of: about) else { throw Rejection(.unknownParty, field: "about") }
        guard isAgency[Int(aboutCode)] != isAgency[Int(respondentCode)] else { throw Rejection(.badDirection) }
        return (respondentCode, aboutCode)
    }
}
