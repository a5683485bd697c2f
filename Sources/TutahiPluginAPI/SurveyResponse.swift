/// One survey response: one person's answers about a relationship.
///
/// Most responses come from a partner's member about an agency; an agency's own people may also
/// answer about a partner (its self-assessment). Either way the response belongs to the
/// relationship of that agency and partner, and ``side`` says whose view it is.
public struct SurveyResponse: Sendable, Hashable {
    /// The survey tool's response id.
    public var id: String
    /// The party whose member answered: the partner, or the agency for a self-assessment.
    public var respondent: String
    /// The party the answers are about: the agency, or the partner for a self-assessment.
    public var about: String
    /// When the response was submitted.
    public var submittedAt: Instant
    /// Answers by question id (integers as given; scale checks happen in the indicator).
    public var answers: SurveyAnswers
    /// Whose view the answers are: the partner's (about the agency) or the agency's (about the partner).
    public var side: SurveySide

    /// Creates a response.
    public init(
        id: String, respondent: String, about: String, submittedAt: Instant, answers: SurveyAnswers,
        side: SurveySide = .partner
    ) {
        self.id = id
        self.respondent = respondent
        self.about = about
        self.submittedAt = submittedAt
        self.answers = answers
        self.side = side
    }

    /// Creates a response whose answers are given as a dictionary.
    public init(
        id: String, respondent: String, about: String, submittedAt: Instant, answers: [String: Int],
        side: SurveySide = .partner
    ) {
        self.init(
            id: id, respondent: respondent, about: about, submittedAt: submittedAt, answers: SurveyAnswers(answers),
            side: side)
    }

    /// The agency of the relationship the response belongs to.
    public var agency: String { side == .partner ? about : respondent }
    /// The partner of the relationship the response belongs to.
    public var partner: String { side == .partner ? respondent : about }
}

/// Which side of a relationship answered a survey: `survey_scale`'s `respondents` key.
public enum SurveySide: String, Sendable, Hashable, ChoiceDecodable {
    /// The partner's people, about the agency.
    case partner
    /// The agency's people, about the partner (a self-assessment).
    case agency
}
