import TutahiPluginAPI

/// What a check remembers between runs (the store): alert states in, the finished run out.
public protocol CheckMemory: Sendable {
    /// The alert states after the last recorded run.
    func alertStates() async throws -> [AlertState]
    /// The latest as-of recorded, if any run was.
    func latestAsOf() async throws -> Instant?
    /// Each relationship's overall score in the most recent `runs` distinct as-ofs before `asOf`,
    /// oldest first (the latest run wins when several share an as-of).
    func trends(before asOf: Instant, runs: Int) async throws -> [RelationshipKey: [TrendPoint]]
    /// Records a finished run: all of it (outbox messages included), in one transaction, or nothing.
    func record(_ run: FinishedRun) async throws
    /// Messages not yet delivered whose next attempt is due at `now` (every waiting one when `now`
    /// is nil), oldest first.
    func waitingMessages(dueAt now: Instant?) async throws -> [QueuedMessage]
    /// Marks a message accepted by its server: it is never sent again.
    func markDelivered(_ id: Int64, at instant: Instant) async throws
    /// Records a failed attempt and when to try again.
    func markFailed(_ id: Int64, reason: String, nextAttempt: Instant) async throws
    /// When the earliest waiting message is due, if any is waiting.
    func nextAttempt() async throws -> Instant?
}

/// A message in the outbox.
public struct QueuedMessage: Sendable, Hashable {
    /// The outbox row.
    public var id: Int64
    /// The output that sends it (`email#1`).
    public var output: String
    /// The message.
    public var message: OutgoingMessage
    /// Attempts so far.
    public var attempts: Int
    /// When it was queued (wall clock).
    public var createdAt: Instant
    /// When it is next due.
    public var nextAttempt: Instant
    /// Why the last attempt failed.
    public var lastError: String?

    /// Creates a queued message.
    public init(
        id: Int64, output: String, message: OutgoingMessage, attempts: Int, createdAt: Instant, nextAttempt: Instant,
        lastError: String?
    ) {
        self.id = id
        self.output = output
        self.message = message
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttempt = nextAttempt
        self.lastError = lastError
    }
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
    /// Notifications to queue in the outbox, by output key.
    public var outbox: [(output: String, message: OutgoingMessage)]
    /// What the live view shows of the run, when the config has `http:`.
    public var snapshot: RunSnapshot?

    /// Creates a finished run.
    public init(
        asOf: Instant, startedAt: Instant, finishedAt: Instant, configDigest: String, evaluation: Evaluation,
        outbox: [(output: String, message: OutgoingMessage)] = [], snapshot: RunSnapshot? = nil
    ) {
        self.snapshot = snapshot
        self.asOf = asOf
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.configDigest = configDigest
        self.evaluation = evaluation
        self.outbox = outbox
    }
}
