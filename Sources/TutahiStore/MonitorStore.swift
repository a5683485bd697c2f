import TutahiCore
import TutahiPluginAPI

/// A store as the commands use it, whichever database holds it: what a check remembers
/// (``CheckMemory``) and what `history` and `outbox` read, all for one monitor.
public protocol MonitorStore: CheckMemory {
    /// The monitor whose runs, alert states and outbox this store reads and writes.
    var monitor: String { get }
    /// The recorded runs, newest first (at most `limit`): this monitor's, or every monitor's.
    func runs(limit: Int, allMonitors: Bool) async throws(StoreError) -> [RunRecord]
    /// `agency`–`partner`'s overall and dimension scores in every run of this monitor, oldest first.
    func history(agency: String, partner: String) async throws(StoreError) -> [RelationshipHistoryPoint]
    /// Delivered messages, newest first (at most `limit`).
    func deliveredMessages(limit: Int) async throws(StoreError) -> [(QueuedMessage, deliveredAt: Instant)]
    /// The newest run of this monitor that recorded a snapshot for the live view, with the
    /// snapshot's scorecard part (``RunSnapshot/scorecard(from:)`` reads it).
    func latestSnapshot() async throws(StoreError) -> (run: RunRecord, scorecard: [UInt8])?
    /// One relationship's snapshot in run `runID` (``RelationshipSnapshot/init(bytes:)`` reads it).
    func relationshipSnapshot(runID: Int64, agency: String, partner: String) async throws(StoreError) -> [UInt8]?
    /// Before a check of a long-lived process (`serve`): connects again if the database went away
    /// since the last one (taking the monitor's lock again). Within a check a lost database is an
    /// error, never a silent reconnection: the check fails and records nothing.
    func reconnectIfLost() async throws(StoreError)
}

extension MonitorStore {
    /// An embedded store is never lost.
    public func reconnectIfLost() async throws(StoreError) {}

    /// The last run of this monitor, if any.
    public func lastRun() async throws(StoreError) -> RunRecord? {
        try await runs(limit: 1, allMonitors: false).first
    }
}
