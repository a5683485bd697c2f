import TutahiPluginAPI

/// Accepts survey answers from every survey file, applying the checks that span files:
/// parties, direction, duplicates and consistency within a response.
struct SurveyCollector {
    let parties: [String: Party]
    let zone: Zone
    private(set) var responses: [SurveyResponse] = []
    private var indexByID: [String: Int] = [:]

    init(parties: [String: Party], zone: Zone) {
        self.parties = parties
        self.zone = zone
    }

    /// The fields common to every answer of a response.
    struct Envelope {
        var responseID: String
        var respondent: String
        var about: String
        var submittedAt: String
    }

    /// The checks of one row on its own, for use on any thread.
    var rowChecks: SurveyRowChecks { SurveyRowChecks(parties: parties, zone: zone) }

    /// Accepts one long-format answer, or throws the duplicate or inconsistency it is.
    mutating func acceptAnswer(_ envelope: Envelope, at instant: Instant, question: String, value: Int)
        throws(Rejection)
    {
        if let index = indexByID[envelope.responseID] {
            let first = responses[index]
            if first.answers[question] != nil { throw Rejection(.duplicate, field: "question") }
            guard first.respondent == envelope.respondent, first.about == envelope.about, first.submittedAt == instant
            else { throw Rejection(.inconsistentResponse) }
            responses[index].answers[question] = value
        } else {
            indexByID[envelope.responseID] = responses.count
            responses.append(SurveyResponse(
                id: envelope.responseID, respondent: envelope.respondent, about: envelope.about,
                submittedAt: instant, answers: [question: value], side: side(of: envelope)))
        }
    }

    /// Accepts one wide-format response whole, or throws `duplicate` when its id was already accepted.
    mutating func acceptResponse(_ envelope: Envelope, at instant: Instant, answers: [String: Int]) throws(Rejection) {
        guard indexByID[envelope.responseID] == nil else { throw Rejection(.duplicate, field: "response_id") }
        indexByID[envelope.responseID] = responses.count
        responses.append(SurveyResponse(
            id: envelope.responseID, respondent: envelope.respondent, about: envelope.about, submittedAt: instant,
            answers: answers, side: side(of: envelope)))
    }

    /// Whose view an accepted response is: an agency answering is the agency's side.
    private func side(of envelope: Envelope) -> SurveySide {
        parties[envelope.respondent]?.isAgency == true ? .agency : .partner
    }

    /// Parses a survey value: optional sign, digits, nothing else.
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let magnitude = Int(digits) ?? Int.max
        return negative ? -magnitude : magnitude
    }
}

/// The checks of one survey row that need no other row: fields, timestamp, parties, direction.
struct SurveyRowChecks: Sendable {
    let parties: [String: Party]
    let zone: Zone

    /// Checks the envelope's fields: missing, timestamp.
    func checkFields(_ envelope: SurveyCollector.Envelope, question: String? = nil) throws(Rejection) -> Instant {
        var fields = [("response_id", envelope.responseID), ("respondent", envelope.respondent),
            ("about", envelope.about)]
        if let question { fields.append(("question", question)) }
        fields.append(("submitted_at", envelope.submittedAt))
        for (name, value) in fields where value.isEmpty {
            throw Rejection(.missingField, field: name)
        }
        guard let submitted = Timestamp.parse(envelope.submittedAt) else {
            throw Rejection(.badTimestamp, field: "submitted_at")
        }
        return submitted.start(in: zone)
    }

    /// Checks the parties named and the direction of the answer: one side about the other (a
    /// partner about an agency, or an agency about a partner), never two agencies or two partners.
    func checkParties(_ envelope: SurveyCollector.Envelope) throws(Rejection) {
        guard let respondent = parties[envelope.respondent] else { throw Rejection(.unknownParty, field: "respondent") }
        guard let about = parties[envelope.about] else { throw Rejection(.unknownParty, field: "about") }
        guard about.isAgency != respondent.isAgency else { throw Rejection(.badDirection) }
    }
}
