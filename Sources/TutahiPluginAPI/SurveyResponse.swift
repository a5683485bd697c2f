/// One survey response: a partner's member answering questions about an agency.
public struct SurveyResponse: Sendable, Hashable {
    /// The survey tool's response id.
    public var id: String
    /// The partner whose member answered.
    public var respondent: String
    /// The agency the answers are about.
    public var about: String
    /// When the response was submitted.
    public var submittedAt: Instant
    /// Answers by question id (integers as given; scale checks happen in the indicator).
    public var answers: [String: Int]

    /// Creates a response.
    public init(id: String, respondent: String, about: String, submittedAt: Instant, answers: [String: Int]) {
        self.id = id
        self.respondent = respondent
        self.about = about
        self.submittedAt = submittedAt
        self.answers = answers
    }
}
