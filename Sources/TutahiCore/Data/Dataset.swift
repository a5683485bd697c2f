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
        var first: Int64?, last: Int64?
        func include(_ time: Int64) {
            first = Swift.min(first ?? time, time)
            last = Swift.max(last ?? time, time)
        }
        for index in responses.indices { include(responses[index].submittedAt.nanoseconds) }
        let table = interactions
        table.times.withUnsafeBufferPointer { times in
            // A relationship's rows are oldest first: its first and last rows are its earliest and
            // latest, so millions of rows take a look per relationship.
            for relationship in table.relationships where !relationship.rows.isEmpty {
                include(times[relationship.rows.lowerBound])
                include(times[relationship.rows.upperBound - 1])
            }
            for row in table.othersStart..<times.count { include(times[row]) }
        }
        guard let first, let last else { return nil }
        return Instant(nanoseconds: first)...Instant(nanoseconds: last)
    }
}
