import Foundation
import GRDB
import TutahiCore
import TutahiPluginAPI

/// The SQLite store (`store:` in the config): every run, its scorecard and scores, alert state and
/// the outbox. Each run is recorded in one transaction, so a run killed at any moment leaves the
/// store as it was before that run.
public struct SQLiteStore: MonitorStore {
    /// The database file.
    public let path: String
    /// The monitor this store reads and writes.
    public let monitor: String
    let database: any DatabaseWriter

    /// Opens the store at `path`, creating it (and its directory) on first use and migrating it;
    /// `readOnly`, it only reads (a store the user may only read, or a dry run) and must exist.
    ///
    /// An existing file of 0 bytes is refused: it is a store that was truncated, and taking it for
    /// a new one would lose every run and every firing alert without a word.
    public init(path: String, monitor: String = "default", readOnly: Bool = false) throws(StoreError) {
        self.path = path
        self.monitor = monitor
        if readOnly {
            try Self.refuseEmptyFile(at: path)
            do {
                var configuration = GRDB.Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(10)
                database = try DatabaseQueue(path: Self.readablePath(path), configuration: configuration)
                try StoreMigrations.checkSchema(database)
            } catch let error as StoreError {
                throw StoreError(path: path, reason: error.reason)
            } catch {
                throw StoreError(path: path, reason: Self.reason(error))
            }
            return
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // Monitors sharing the file may start at the same moment: one at a time creates and
            // migrates it, so none sees a file half made.
            let setup = try FileLock.waiting(at: path + ".setup.lock")
            defer { withExtendedLifetime(setup) {} }
            try Self.refuseEmptyFile(at: path)
            var configuration = GRDB.Configuration()
            configuration.busyMode = .timeout(10)
            configuration.foreignKeysEnabled = true
            database = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(database)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    /// Refuses an existing file of 0 bytes: a store that was truncated.
    private static func refuseEmptyFile(at path: String) throws(StoreError) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size == 0 {
            throw StoreError(
                path: path,
                reason: "the file is empty (0 bytes), so every run and alert state it held is gone; restore it from "
                    + "a backup, or remove it to start a new store")
        }
    }

    /// Opens the store at `path` if it exists; nil when there is no file yet (nothing recorded).
    public static func existing(at path: String, monitor: String = "default", readOnly: Bool = false) throws(StoreError)
        -> SQLiteStore?
    {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteStore(path: path, monitor: monitor, readOnly: readOnly)
    }

    /// The alert states after the last recorded run.
    public func alertStates() async throws -> [AlertState] {
        try await access { [monitor] db in
            try AlertStateRow.filter(Column("monitor") == monitor).fetchAll(db).map(\.alertState)
        }
    }

    /// Records a finished run (the run, its scorecard and scores, the new alert states and the
    /// notifications) in one transaction.
    public func record(_ finished: FinishedRun) async throws {
        let json = finished.evaluation.scorecard.jsonValue.serialized()
        let zone = finished.evaluation.scorecard.zone
        let snapshot = finished.snapshot.map { ($0.scorecardBytes, $0.relationshipBytes) }
        try await access(writing: true) { [monitor] db in
            var run = RunRecord(finished, zone: zone, monitor: monitor)
            try run.insert(db)
            guard let runID = run.id else { throw StoreError(path: path, reason: "the run got no id") }
            try db.execute(sql: "INSERT INTO scorecard (run_id, json) VALUES (?, ?)", arguments: [runID, json])
            let insertScore = try db.makeStatement(
                sql: "INSERT INTO score (run_id, agency, partner, name, score, status) VALUES (?, ?, ?, ?, ?, ?)")
            for relationship in finished.evaluation.scorecard.relationships {
                let named = [("overall", relationship.overall)] + relationship.dimensions.map { ($0.id, $0.result) }
                for (name, result) in named {
                    try insertScore.execute(arguments: [
                        runID, relationship.agency.id, relationship.partner.id, name, result.score,
                        result.status.rawValue,
                    ])
                }
            }
            if let (scorecard, relationships) = snapshot {
                try db.execute(sql: "INSERT INTO run_snapshot (run_id, json) VALUES (?, ?)", arguments: [runID, Data(scorecard)])
                let insertRelationship = try db.makeStatement(
                    sql: "INSERT INTO relationship_snapshot (run_id, agency, partner, json) VALUES (?, ?, ?, ?)")
                for (key, bytes) in relationships {
                    try insertRelationship.execute(arguments: [runID, key.agency, key.partner, Data(bytes)])
                }
            }
            try db.execute(sql: "DELETE FROM alert_state WHERE monitor = ?", arguments: [monitor])
            for state in finished.evaluation.alerts.states {
                try AlertStateRow(state, runID: runID, monitor: monitor).insert(db)
            }
            for notification in finished.evaluation.alerts.notifications {
                try AlertEventRecord(notification, runID: runID).insert(db)
            }
            for (output, message) in finished.outbox {
                try db.execute(
                    sql: """
                        INSERT INTO outbox (run_id, monitor, output, destination, message_id, summary, payload,
                                            created_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, monitor, output, message.destination, message.key, message.summary, Data(message.payload),
                        finished.finishedAt.nanoseconds, finished.finishedAt.nanoseconds,
                    ])
            }
        }
    }

    /// Runs `body` on the database, turning every failure into a ``StoreError``.
    func access<T: Sendable>(writing: Bool = false, _ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return writing ? try await database.write(body) : try await database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    /// How to open `path` for reading only. SQLite needs to create a shared-memory file beside a
    /// WAL database even to read it; where the user may not write, and no writer is at work (there
    /// is no `-wal` file), the database is opened as immutable instead.
    static func readablePath(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let writable = FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory)
            && FileManager.default.isWritableFile(atPath: path)
        guard !writable, !FileManager.default.fileExists(atPath: path + "-wal") else { return path }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/-._~"))
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(encoded)?immutable=1"
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return "\(error)"
    }
}
