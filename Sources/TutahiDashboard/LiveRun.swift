import Logging
import TutahiCore
import TutahiPluginAPI
import TutahiStore

/// The last recorded run, as the pages show it: read from the store at start and after every
/// check, then shared by every request until the next one replaces it whole.
struct PublishedRun: Sendable {
    /// The run's record (its number, times, counts).
    let run: RunRecord
    /// Its scorecard with names, readings and trends.
    let scorecard: Scorecard
    /// The relationships by key, for pages that show one.
    let index: Set<RelationshipKey>
}

/// Holds the published run. A check in progress never touches it: only a recorded run replaces it.
actor LiveRun {
    private let store: any MonitorStore
    private let logger: Logger
    private(set) var published: PublishedRun?

    init(store: any MonitorStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Reads the newest snapshot from the store; keeps the one it has when the store cannot answer.
    func refresh() async {
        do {
            guard let (run, bytes) = try await store.latestSnapshot() else { return }
            if let current = published, current.run.id == run.id { return }
            let scorecard = try RunSnapshot.scorecard(from: bytes)
            published = PublishedRun(run: run, scorecard: scorecard, index: Set(scorecard.relationships.map(\.key)))
            logger.info("dashboard shows run", metadata: ["run": "\(run.id ?? 0)", "as_of": "\(run.asOfText)"])
        } catch {
            logger.error("dashboard could not read the last run", metadata: ["reason": "\(error)"])
        }
    }

    /// One relationship's full snapshot in the published run.
    func relationship(_ key: RelationshipKey) async throws -> RelationshipSnapshot? {
        guard let published, published.index.contains(key), let runID = published.run.id else { return nil }
        guard let bytes = try await store.relationshipSnapshot(runID: runID, agency: key.agency, partner: key.partner)
        else { return nil }
        return try RelationshipSnapshot(bytes: bytes)
    }

    /// The relationship's scores in every recorded run, oldest first.
    func history(_ key: RelationshipKey) async throws -> [RelationshipHistoryPoint] {
        try await store.history(agency: key.agency, partner: key.partner)
    }

    /// Messages waiting in the outbox.
    func outboxPending() async throws -> Int {
        try await store.waitingMessages(dueAt: nil).count
    }

    /// True when the store answers.
    func storeAnswers() async -> Bool {
        (try? await store.runs(limit: 1, allMonitors: false)) != nil
    }
}
