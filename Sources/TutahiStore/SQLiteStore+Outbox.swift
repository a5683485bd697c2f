import Foundation
import GRDB
import TutahiCore
import TutahiPluginAPI

extension SQLiteStore {
    /// Messages not yet delivered whose next attempt is due at `now` (all of them when nil), oldest first.
    public func waitingMessages(dueAt now: Instant?) async throws -> [QueuedMessage] {
        try await access { [monitor] db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE monitor = ? AND delivered_at IS NULL AND next_attempt_at <= ? ORDER BY id
                """, arguments: [monitor, now?.nanoseconds ?? Int64.max])
            return rows.map(Self.queued)
        }
    }

    /// Marks a message delivered.
    public func markDelivered(_ id: Int64, at instant: Instant) async throws {
        try await access(writing: true) { db in
            try db.execute(
                sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                arguments: [instant.nanoseconds, id])
        }
    }

    /// Records a failed attempt.
    public func markFailed(_ id: Int64, reason: String, nextAttempt: Instant) async throws {
        try await access(writing: true) { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [reason, nextAttempt.nanoseconds, id])
        }
    }

    /// When the earliest waiting message is due.
    public func nextAttempt() async throws -> Instant? {
        try await access { [monitor] db in
            try Int64.fetchOne(
                db, sql: "SELECT min(next_attempt_at) FROM outbox WHERE monitor = ? AND delivered_at IS NULL",
                arguments: [monitor])
                .map { Instant(nanoseconds: $0) }
        }
    }

    /// Delivered messages, newest first (at most `limit`), for `tutahi outbox --delivered`.
    public func deliveredMessages(limit: Int) async throws(StoreError) -> [(QueuedMessage, deliveredAt: Instant)] {
        try await access { [monitor] db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox WHERE monitor = ? AND delivered_at IS NOT NULL ORDER BY delivered_at DESC LIMIT ?",
                arguments: [monitor, limit]
            ).map { (Self.queued($0), Instant(nanoseconds: $0["delivered_at"])) }
        }
    }

    private static func queued(_ row: Row) -> QueuedMessage {
        let payload: Data = row["payload"]
        return QueuedMessage(
            id: row["id"], output: row["output"],
            message: OutgoingMessage(
                destination: row["destination"], key: row["message_id"], summary: row["summary"],
                payload: [UInt8](payload)),
            attempts: row["attempts"], createdAt: Instant(nanoseconds: row["created_at"]),
            nextAttempt: Instant(nanoseconds: row["next_attempt_at"]), lastError: row["last_error"])
    }
}
