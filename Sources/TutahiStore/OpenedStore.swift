import Foundation
import Logging
import TutahiCore

/// A configuration's store, opened for one command: the backend its `store:` names, and for a
/// writer the lock that keeps a second `run` or `serve` of the same monitor out.
public struct OpenedStore: Sendable {
    /// The store.
    public let store: any MonitorStore
    /// The SQLite monitor lock, held while this value lives (PostgreSQL holds its lock in the session).
    private let fileLock: FileLock?

    /// Opens `location` for `monitor` to record runs and deliver messages, taking the monitor's lock;
    /// throws naming the holder when another process has it.
    public static func forWriting(_ location: StoreLocation, monitor: String, logger: Logger) async throws(StoreError)
        -> OpenedStore
    {
        switch location {
        case .sqlite(let path):
            let lock = try FileLock(storePath: path, monitor: monitor)
            return OpenedStore(store: try SQLiteStore(path: path, monitor: monitor), fileLock: lock)
        case .postgres(let address):
            let store = try await PostgresStore(address: address, monitor: monitor, exclusive: true, logger: logger)
            return OpenedStore(store: store, fileLock: nil)
        }
    }

    /// Opens `location` for `monitor` to read only, without a lock (beside a running `serve`); nil
    /// when nothing was ever recorded there (an SQLite file not yet created).
    public static func forReading(_ location: StoreLocation, monitor: String, logger: Logger) async throws(StoreError)
        -> OpenedStore?
    {
        switch location {
        case .sqlite(let path):
            return try SQLiteStore.existing(at: path, monitor: monitor, readOnly: true).map {
                OpenedStore(store: $0, fileLock: nil)
            }
        case .postgres(let address):
            let store = try await PostgresStore(address: address, monitor: monitor, exclusive: false, logger: logger)
            return OpenedStore(store: store, fileLock: nil)
        }
    }

    /// Closes the connection of a PostgreSQL store (an SQLite store closes with its last use).
    public func close() async {
        await (store as? PostgresStore)?.close()
    }

    /// Runs `body` on the store, then closes it, whether `body` succeeded or threw.
    public func using<T: Sendable>(_ body: (any MonitorStore) async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(try await body(store))
        } catch {
            result = .failure(error)
        }
        await close()
        return try result.get()
    }
}
