import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import TutahiCore
import TutahiPluginAPI

/// The PostgreSQL store (`store: postgresql://…`): the SQLite store's tables with a monitor on each,
/// so several monitors share one database, each with its own runs, alert states and outbox.
///
/// One connection per store. A writer holds a session-level advisory lock on its monitor for as long
/// as the connection lives, so a twin is refused while different monitors run at once; the server
/// drops the lock when the session ends, however it ends. Each run is recorded in one transaction:
/// a server that goes away mid-run leaves nothing recorded.
public actor PostgresStore: MonitorStore {
    /// The monitor this store reads and writes.
    public nonisolated let monitor: String
    /// The server and database, without the password.
    public nonisolated let address: PostgresAddress
    private let exclusive: Bool
    private let logger: Logger
    private var connection: PostgresConnection?

    /// Connects to `address` for `monitor`, creating or migrating the schema. With `exclusive`, takes
    /// the monitor's lock, or throws naming the process that holds it.
    public init(address: PostgresAddress, monitor: String, exclusive: Bool, logger: Logger) async throws(StoreError) {
        self.address = address
        self.monitor = monitor
        self.exclusive = exclusive
        self.logger = logger
        _ = try await session()
    }

    /// Closes the connection (and so releases the monitor's lock).
    public func close() async {
        try? await connection?.close()
        connection = nil
    }

    // MARK: Connection, lock and schema

    /// Connects again, and takes the monitor's lock again, if the connection was lost.
    public func reconnectIfLost() async throws(StoreError) {
        if let connection, connection.isClosed { self.connection = nil }
        _ = try await session()
    }

    /// The open connection; connects the first time. A connection lost since is an error: what a
    /// check began on one session it must not finish on another (the lock may have changed hands).
    private func session() async throws(StoreError) -> PostgresConnection {
        if let connection {
            guard !connection.isClosed else {
                throw StoreError(
                    path: address.description,
                    reason: "the connection to \(address.host):\(address.port) was lost; nothing of this check is recorded")
            }
            return connection
        }
        let opened: PostgresConnection
        do {
            opened = try await PostgresConnection.connect(
                configuration: try configuration(), id: 1, logger: Logger(label: "tutahi.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        } catch {
            throw failure(error)
        }
        do {
            if exclusive { try await lock(on: opened) }
            try await migrate(on: opened)
        } catch {
            try? await opened.close()
            throw failure(error)
        }
        connection = opened
        return opened
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(30)
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName(monitor: monitor))]
        return configuration
    }

    /// `tutahi MONITOR pid N on HOST`, which `pg_stat_activity` shows and a refused twin quotes.
    static func applicationName(monitor: String) -> String {
        let host = ProcessInfo.processInfo.hostName
        return String("tutahi \(monitor) pid \(getpid()) on \(host)".utf8.prefix(63)) ?? "tutahi \(monitor)"
    }

    /// The advisory-lock key of a monitor: a constant class and a 31-bit FNV-1a hash of its name.
    static func lockKey(monitor: String) -> (Int32, Int32) {
        var hash: UInt32 = 2_166_136_261
        for byte in monitor.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return (0x7475_7461, Int32(bitPattern: hash & 0x7fff_ffff))  // "tuta"
    }

    private func lock(on connection: PostgresConnection) async throws {
        let (classID, objectID) = Self.lockKey(monitor: monitor)
        let rows = try await connection.query("SELECT pg_try_advisory_lock(\(classID), \(objectID))", logger: logger)
        var taken = false
        for try await granted in rows.decode(Bool.self) { taken = granted }
        guard !taken else { return }
        let holders = try await connection.query(
            """
            SELECT a.application_name, a.pid, coalesce(host(a.client_addr), 'a local socket')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.classid = \(Int64(UInt32(bitPattern: classID)))::oid
              AND l.objid = \(Int64(UInt32(bitPattern: objectID)))::oid AND l.granted
            """, logger: logger)
        var holder = "another tutahi process"
        for try await (name, pid, client) in holders.decode((String, Int32, String).self) {
            holder = name.isEmpty ? "server process \(pid) from \(client)" : "\(name) (server process \(pid), from \(client))"
        }
        throw StoreError(
            path: address.description,
            reason: "monitor `\(monitor)` is in use by \(holder); only one `run` or `serve` per monitor at a time")
    }

    /// Creates the schema or brings it up to date, under a transaction-level lock so two monitors
    /// starting at once do not both migrate; refuses a schema newer than this binary knows.
    private func migrate(on connection: PostgresConnection) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(Int32(0x7475_7461)), 0)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS tutahi_schema (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: [(Int, String)] = []
            for try await row in try await connection.query("SELECT version, name FROM tutahi_schema ORDER BY version", logger: logger)
                .decode((Int, String).self)
            {
                applied.append(row)
            }
            if let newer = applied.first(where: { $0.0 > PostgresSchema.migrations.count }) {
                throw StoreError(
                    path: address.description,
                    reason: "its schema (`\(newer.1)`) is newer than this tutahi knows; use a newer tutahi")
            }
            for (index, migration) in PostgresSchema.migrations.enumerated() where index + 1 > applied.count {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO tutahi_schema (version, name) VALUES (\(index + 1), \(migration.name))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// How long one store operation may wait for the server before the connection is closed and
    /// the operation fails: a server that stops answering must not hang a run.
    static let answerDeadline: Duration = .seconds(300)

    /// Runs `body` on the connection, turning every failure into a ``StoreError`` naming the database.
    private func access<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let connection = try await session()
        // A watchdog closes the connection when the server does not answer in time; the waiting
        // query then fails like any lost connection.
        let watchdog = Task {
            try await Task.sleep(for: Self.answerDeadline)
            try? await connection.close()
        }
        defer { watchdog.cancel() }
        do {
            return try await body(connection)
        } catch {
            throw failure(error)
        }
    }

    /// Runs `body` in one transaction; any failure rolls it back and is thrown.
    private func transaction(_ body: (PostgresConnection) async throws -> Void) async throws(StoreError) {
        try await access { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await body(connection)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A one-line error naming the database, never the password.
    private func failure(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError(path: address.description, reason: PostgresFailure.reason(error, address: address))
    }

    // MARK: CheckMemory

    /// This monitor's alert states after its last recorded run.
    public func alertStates() async throws -> [AlertState] {
        try await access { connection in
            var states: [AlertState] = []
            let rows = try await connection.query(
                """
                SELECT rule, agency, partner, severity, state, consecutive_runs, since, last_notified, message
                FROM alert_state WHERE monitor = \(monitor) ORDER BY rule, agency, partner
                """, logger: logger)
            for try await (rule, agency, partner, severity, state, runs, since, notified, message) in rows.decode(
                (String, String, String, String, String, Int, Int64, Int64?, String).self)
            {
                states.append(AlertState(
                    key: AlertKey(rule: rule, agency: agency, partner: partner),
                    severity: AlertRecord.Severity(rawValue: severity) ?? .warning,
                    state: AlertRecord.State(rawValue: state) ?? .pending, consecutiveRuns: runs,
                    since: Instant(nanoseconds: since), lastNotified: notified.map { Instant(nanoseconds: $0) },
                    message: message))
            }
            return states
        }
    }

    /// The latest as-of of this monitor's runs.
    public func latestAsOf() async throws -> Instant? {
        try await access { connection in
            var latest: Int64?
            for try await value in try await connection.query(
                "SELECT max(as_of) FROM run WHERE monitor = \(monitor)", logger: logger
            ).decode(Int64?.self) {
                latest = value
            }
            return latest.map { Instant(nanoseconds: $0) }
        }
    }

    /// Each relationship's overall score in this monitor's most recent `runs` distinct as-ofs before `asOf`.
    public func trends(before asOf: Instant, runs: Int) async throws -> [RelationshipKey: [TrendPoint]] {
        try await access { connection in
            let rows = try await connection.query(
                """
                WITH latest AS (
                    SELECT max(id) AS id, as_of FROM run WHERE monitor = \(monitor) AND as_of < \(asOf.nanoseconds)
                    GROUP BY as_of ORDER BY as_of DESC LIMIT \(runs)
                )
                SELECT score.agency, score.partner, latest.as_of, score.score
                FROM score JOIN latest ON latest.id = score.run_id
                WHERE score.name = 'overall'
                ORDER BY latest.as_of, score.agency, score.partner
                """, logger: logger)
            var trends: [RelationshipKey: [TrendPoint]] = [:]
            for try await (agency, partner, at, score) in rows.decode((String, String, Int64, Double?).self) {
                trends[RelationshipKey(agency: agency, partner: partner), default: []]
                    .append(TrendPoint(asOf: Instant(nanoseconds: at), score: score))
            }
            return trends
        }
    }

    /// Records a finished run in one transaction: the run, its scorecard and scores, the monitor's
    /// new alert states, the alerts announced and the messages to send.
    public func record(_ finished: FinishedRun) async throws {
        let scorecard = finished.evaluation.scorecard
        let run = RunRecord(finished, zone: scorecard.zone, monitor: monitor)
        let json = scorecard.jsonValue.serialized()
        try await transaction { connection in
            var runID: Int64 = 0
            for try await id in try await connection.query(
                """
                INSERT INTO run (monitor, as_of, as_of_text, started_at, finished_at, config_digest, relationships,
                                 alerts_pending, alerts_firing, alerts_resolved, rows_rejected)
                VALUES (\(monitor), \(run.asOf), \(run.asOfText), \(run.startedAt), \(run.finishedAt),
                        \(run.configDigest), \(run.relationships), \(run.alertsPending), \(run.alertsFiring),
                        \(run.alertsResolved), \(run.rowsRejected))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self) {
                runID = id
            }
            try await connection.query("INSERT INTO scorecard (run_id, json) VALUES (\(runID), \(json))", logger: logger)
            try await insertScores(scorecard, runID: runID, on: connection)
            if let snapshot = finished.snapshot {
                try await insertSnapshot(snapshot, runID: runID, on: connection)
            }
            try await connection.query("DELETE FROM alert_state WHERE monitor = \(monitor)", logger: logger)
            for state in finished.evaluation.alerts.states {
                try await connection.query(
                    """
                    INSERT INTO alert_state (monitor, rule, agency, partner, severity, state, consecutive_runs, since,
                                             last_notified, message, run_id)
                    VALUES (\(monitor), \(state.key.rule), \(state.key.agency), \(state.key.partner),
                            \(state.severity.rawValue), \(state.state.rawValue), \(state.consecutiveRuns),
                            \(state.since.nanoseconds), \(state.lastNotified?.nanoseconds), \(state.message), \(runID))
                    """, logger: logger)
            }
            for notification in finished.evaluation.alerts.notifications {
                let alert = notification.alert
                try await connection.query(
                    """
                    INSERT INTO alert_event (run_id, reason, rule, agency, partner, severity, since, message)
                    VALUES (\(runID), \(notification.reason.rawValue), \(alert.key.rule), \(alert.key.agency),
                            \(alert.key.partner), \(alert.severity.rawValue), \(alert.since.nanoseconds), \(alert.message))
                    """, logger: logger)
            }
            for (output, message) in finished.outbox {
                try await connection.query(
                    """
                    INSERT INTO outbox (run_id, monitor, output, destination, message_id, summary, payload, created_at,
                                        next_attempt_at)
                    VALUES (\(runID), \(monitor), \(output), \(message.destination), \(message.key), \(message.summary),
                            \(ByteBuffer(bytes: message.payload)), \(finished.finishedAt.nanoseconds),
                            \(finished.finishedAt.nanoseconds))
                    """, logger: logger)
            }
        }
    }

    /// The overall and dimension scores of every relationship, sent as arrays in batches: a national
    /// run has hundreds of thousands.
    private func insertScores(_ scorecard: Scorecard, runID: Int64, on connection: PostgresConnection) async throws {
        for batch in ScoreBatch.batches(of: scorecard, size: 20_000) {
            try await connection.query(
                """
                INSERT INTO score (run_id, agency, partner, name, score, status)
                SELECT \(runID), agency, partner, name, NULLIF(score, 'NaN'), status
                FROM unnest(\(batch.agencies)::text[], \(batch.partners)::text[], \(batch.names)::text[],
                            \(batch.scores)::float8[], \(batch.statuses)::text[]) AS s (agency, partner, name, score, status)
                """, logger: logger)
        }
    }

    /// The live view's snapshot: the scorecard part, then the relationships as arrays in batches.
    private func insertSnapshot(_ snapshot: RunSnapshot, runID: Int64, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO run_snapshot (run_id, json) VALUES (\(runID), \(ByteBuffer(bytes: snapshot.scorecardBytes)))",
            logger: logger)
        let relationships = snapshot.relationshipBytes
        for start in stride(from: 0, to: relationships.count, by: 5_000) {
            let batch = relationships[start..<min(start + 5_000, relationships.count)]
            try await connection.query(
                """
                INSERT INTO relationship_snapshot (run_id, agency, partner, json)
                SELECT \(runID), agency, partner, json
                FROM unnest(\(batch.map(\.key.agency))::text[], \(batch.map(\.key.partner))::text[],
                            \(batch.map { ByteBuffer(bytes: $0.bytes) })::bytea[]) AS s (agency, partner, json)
                """, logger: logger)
        }
    }

    // MARK: Outbox

    /// This monitor's messages not yet delivered whose next attempt is due at `now` (all when nil).
    public func waitingMessages(dueAt now: Instant?) async throws -> [QueuedMessage] {
        try await messages(
            where: "delivered_at IS NULL AND next_attempt_at <= \(now?.nanoseconds ?? Int64.max)", order: "id", limit: nil
        ).map(\.0)
    }

    /// Marks a message delivered.
    public func markDelivered(_ id: Int64, at instant: Instant) async throws {
        try await access { connection in
            _ = try await connection.query(
                """
                UPDATE outbox SET delivered_at = \(instant.nanoseconds), attempts = attempts + 1, last_error = NULL
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    /// Records a failed attempt.
    public func markFailed(_ id: Int64, reason: String, nextAttempt: Instant) async throws {
        try await access { connection in
            _ = try await connection.query(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = \(reason), next_attempt_at = \(nextAttempt.nanoseconds)
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    /// When this monitor's earliest waiting message is due.
    public func nextAttempt() async throws -> Instant? {
        try await access { connection in
            var next: Int64?
            for try await value in try await connection.query(
                "SELECT min(next_attempt_at) FROM outbox WHERE monitor = \(monitor) AND delivered_at IS NULL",
                logger: logger
            ).decode(Int64?.self) {
                next = value
            }
            return next.map { Instant(nanoseconds: $0) }
        }
    }

    /// This monitor's delivered messages, newest first.
    public func deliveredMessages(limit: Int) async throws(StoreError) -> [(QueuedMessage, deliveredAt: Instant)] {
        try await messages(where: "delivered_at IS NOT NULL", order: "delivered_at DESC", limit: limit)
            .map { ($0.0, deliveredAt: $0.1 ?? Instant(nanoseconds: 0)) }
    }

    /// This monitor's outbox rows matching `condition` (SQL written here, never from input).
    private func messages(where condition: String, order: String, limit: Int?) async throws(StoreError)
        -> [(QueuedMessage, Instant?)]
    {
        try await access { connection in
            var query = PostgresQuery(unsafeSQL: """
                SELECT id, output, destination, message_id, summary, payload, attempts, created_at, next_attempt_at,
                       last_error, delivered_at
                FROM outbox WHERE monitor = $1 AND \(condition) ORDER BY \(order)\(limit.map { " LIMIT \($0)" } ?? "")
                """)
            query.binds.append(monitor)
            var found: [(QueuedMessage, Instant?)] = []
            for try await (id, output, destination, key, summary, payload, attempts, created, next, error, delivered)
                in try await connection.query(query, logger: logger).decode(
                    (Int64, String, String, String, String, ByteBuffer, Int, Int64, Int64, String?, Int64?).self)
            {
                found.append((
                    QueuedMessage(
                        id: id, output: output,
                        message: OutgoingMessage(
                            destination: destination, key: key, summary: summary, payload: Array(buffer: payload)),
                        attempts: attempts, createdAt: Instant(nanoseconds: created),
                        nextAttempt: Instant(nanoseconds: next), lastError: error),
                    delivered.map { Instant(nanoseconds: $0) }
                ))
            }
            return found
        }
    }

    // MARK: History

    /// The recorded runs, newest first: this monitor's, or every monitor's.
    public func runs(limit: Int, allMonitors: Bool) async throws(StoreError) -> [RunRecord] {
        var query = PostgresQuery(unsafeSQL: """
            SELECT id, monitor, as_of, as_of_text, started_at, finished_at, config_digest, relationships,
                   alerts_pending, alerts_firing, alerts_resolved, rows_rejected
            FROM run \(allMonitors ? "" : "WHERE monitor = $1") ORDER BY id DESC LIMIT \(max(0, limit))
            """)
        if !allMonitors { query.binds.append(monitor) }
        return try await runs(query)
    }

    /// The runs `query` selects (every column of `run`, in the table's order).
    private func runs(_ query: PostgresQuery) async throws(StoreError) -> [RunRecord] {
        try await access { connection in
            var runs: [RunRecord] = []
            for try await row in try await connection.query(query, logger: logger).decode(
                (Int64, String, Int64, String, Int64, Int64, String, Int, Int, Int, Int, Int).self)
            {
                runs.append(RunRecord(
                    id: row.0, monitor: row.1, asOf: row.2, asOfText: row.3, startedAt: row.4, finishedAt: row.5,
                    configDigest: row.6, relationships: row.7, alertsPending: row.8, alertsFiring: row.9,
                    alertsResolved: row.10, rowsRejected: row.11))
            }
            return runs
        }
    }

    /// The newest run of this monitor with a snapshot, and the snapshot's scorecard part.
    public func latestSnapshot() async throws(StoreError) -> (run: RunRecord, scorecard: [UInt8])? {
        let runID = try await access { connection -> Int64? in
            for try await id in try await connection.query(
                """
                SELECT run.id FROM run JOIN run_snapshot ON run_snapshot.run_id = run.id
                WHERE run.monitor = \(monitor) ORDER BY run.id DESC LIMIT 1
                """, logger: logger
            ).decode(Int64.self) {
                return id
            }
            return nil
        }
        guard let runID else { return nil }
        let json = try await access { connection -> [UInt8]? in
            for try await buffer in try await connection.query(
                "SELECT json FROM run_snapshot WHERE run_id = \(runID)", logger: logger
            ).decode(ByteBuffer.self) {
                return Array(buffer.readableBytesView)
            }
            return nil
        }
        let run = try await runs(
            """
            SELECT id, monitor, as_of, as_of_text, started_at, finished_at, config_digest, relationships,
                   alerts_pending, alerts_firing, alerts_resolved, rows_rejected
            FROM run WHERE id = \(runID)
            """
        ).first
        guard let json, let run else { return nil }
        return (run, json)
    }

    /// One relationship's snapshot in run `runID`, if it was scored then.
    public func relationshipSnapshot(runID: Int64, agency: String, partner: String) async throws(StoreError) -> [UInt8]? {
        try await access { connection in
            for try await buffer in try await connection.query(
                """
                SELECT json FROM relationship_snapshot
                WHERE run_id = \(runID) AND agency = \(agency) AND partner = \(partner)
                """, logger: logger
            ).decode(ByteBuffer.self) {
                return Array(buffer.readableBytesView)
            }
            return nil
        }
    }

    /// `agency`–`partner`'s scores in every run of this monitor, oldest first.
    public func history(agency: String, partner: String) async throws(StoreError) -> [RelationshipHistoryPoint] {
        try await access { connection in
            let rows = try await connection.query(
                """
                SELECT score.run_id, run.as_of, run.as_of_text, score.name, score.score, score.status
                FROM score JOIN run ON run.id = score.run_id
                WHERE run.monitor = \(monitor) AND score.agency = \(agency) AND score.partner = \(partner)
                ORDER BY run.id, score.name
                """, logger: logger)
            var points = RelationshipHistoryPoint.Builder()
            for try await (runID, asOf, asOfText, name, score, status) in rows.decode(
                (Int64, Int64, String, String, Double?, String).self)
            {
                points.add(runID: runID, asOf: asOf, asOfText: asOfText, name: name, score: score, status: status)
            }
            return points.points
        }
    }
}

/// Scores of one run as columns, for one `INSERT … SELECT FROM unnest(…)`; NaN stands for no score.
private struct ScoreBatch: Sendable {
    var agencies: [String] = []
    var partners: [String] = []
    var names: [String] = []
    var scores: [Double] = []
    var statuses: [String] = []

    /// Every relationship's overall and dimension scores, `size` at a time.
    static func batches(of scorecard: Scorecard, size: Int) -> [ScoreBatch] {
        var batches: [ScoreBatch] = []
        var batch = ScoreBatch()
        for relationship in scorecard.relationships {
            let named = [("overall", relationship.overall)] + relationship.dimensions.map { ($0.id, $0.result) }
            for (name, result) in named {
                batch.agencies.append(relationship.agency.id)
                batch.partners.append(relationship.partner.id)
                batch.names.append(name)
                batch.scores.append(result.score ?? .nan)
                batch.statuses.append(result.status.rawValue)
            }
            if batch.agencies.count >= size {
                batches.append(batch)
                batch = ScoreBatch()
            }
        }
        if !batch.agencies.isEmpty { batches.append(batch) }
        return batches
    }
}
