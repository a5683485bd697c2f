import TutahiPluginAPI

/// All accepted data of a configuration, with the rejected rows accounted for.
public struct Dataset: Sendable {
    /// Parties by id.
    public var parties: [String: Party]
    /// Accepted survey responses, in load order.
    public var responses: [SurveyResponse]
    /// Accepted interactions, grouped by relationship and oldest first (see ``InteractionTable``).
    public var interactions: InteractionTable
    /// Rejected rows.
    public var rejections: RejectionLog

    /// Creates a dataset.
    public init(
        parties: [String: Party], responses: [SurveyResponse] = [], interactions: InteractionTable = .empty,
        rejections: RejectionLog = RejectionLog()
    ) {
        self.parties = parties
        self.responses = responses
        self.interactions = interactions
        self.rejections = rejections
    }
}
