import TutahiPluginAPI

/// What a check remembers between runs (the store): alert states in, the finished run out.
public protocol CheckMemory: Sendable {
    /// The alert states after the last recorded run.
    func alertStates() async throws -> [AlertState]
    /// Each relationship's overall score in the most recent `runs` distinct as-ofs before `asOf`,
    /// oldest first (the latest run wins when several share an as-of).
    func trends(before asOf: Instant, runs: Int) async throws -> [RelationshipKey: [TrendPoint]]
    /// Records a finished run: all of it, in one transaction, or nothing.
    func record(_ run: FinishedRun) async throws
}

/// A check that ran to the end, as a store records it.
public struct FinishedRun: Sendable {
    /// The as-of the check was run at.
    public var asOf: Instant
    /// When it started, by the wall clock.
    public var startedAt: Instant
    /// When it finished computing and writing its outputs, by the wall clock.
    public var finishedAt: Instant
    /// The config digest.
    public var configDigest: String
    /// What it produced.
    public var evaluation: Evaluation

    /// Creates a finished run.
    public init(asOf: Instant, startedAt: Instant, finishedAt: Instant, configDigest: String, evaluation: Evaluation) {
        self.asOf = asOf
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.configDigest = configDigest
        self.evaluation = evaluation
    }
}
