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

    /// The first and last instants of the accepted data (surveys and interactions), if there is any.
    public var span: ClosedRange<Instant>? {
        var first = responses.map(\.submittedAt).min(), last = responses.map(\.submittedAt).max()
        if let firstTime = interactions.times.first {
            // One pass over what may be millions of rows.
            let (earliest, latest) = interactions.times.reduce((firstTime, firstTime)) { ($0.0 < $1 ? $0.0 : $1, $0.1 > $1 ? $0.1 : $1) }
            first = min(first ?? Instant(nanoseconds: earliest), Instant(nanoseconds: earliest))
            last = max(last ?? Instant(nanoseconds: latest), Instant(nanoseconds: latest))
        }
        guard let first, let last else { return nil }
        return first...last
    }
}
