import GRDB

/// The store's schema, one migration per change, from the first table on.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, scores, alert state, outbox") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("as_of", .integer).notNull().indexed()  // nanoseconds since 1970, UTC
                table.column("as_of_text", .text).notNull()  // RFC 3339 in the configured zone
                table.column("started_at", .integer).notNull()  // wall clock, nanoseconds
                table.column("finished_at", .integer).notNull()
                table.column("config_digest", .text).notNull()
                table.column("relationships", .integer).notNull()
                table.column("alerts_pending", .integer).notNull()
                table.column("alerts_firing", .integer).notNull()
                table.column("alerts_resolved", .integer).notNull()
                table.column("rows_rejected", .integer).notNull()
            }
            try db.create(table: "scorecard") { table in
                table.primaryKey("run_id", .integer).references("run", onDelete: .cascade)
                table.column("json", .text).notNull()
            }
            try db.create(table: "score") { table in
                table.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                table.column("agency", .text).notNull()
                table.column("partner", .text).notNull()
                table.column("name", .text).notNull()  // `overall` or a dimension id
                table.column("score", .double)
                table.column("status", .text).notNull()
                table.primaryKey(["run_id", "agency", "partner", "name"])
            }
            try db.create(index: "score_by_relationship", on: "score", columns: ["agency", "partner", "name"])
            try db.create(table: "alert_state") { table in
                table.column("rule", .text).notNull()
                table.column("agency", .text).notNull()
                table.column("partner", .text).notNull()
                table.column("severity", .text).notNull()
                table.column("state", .text).notNull()
                table.column("consecutive_runs", .integer).notNull()
                table.column("since", .integer).notNull()
                table.column("last_notified", .integer)
                table.column("message", .text).notNull()
                table.column("run_id", .integer).notNull().references("run")
                table.primaryKey(["rule", "agency", "partner"])
            }
            try db.create(table: "alert_event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("run_id", .integer).notNull().references("run", onDelete: .cascade).indexed()
                table.column("reason", .text).notNull()  // firing | resolved | reminder
                table.column("rule", .text).notNull()
                table.column("agency", .text).notNull()
                table.column("partner", .text).notNull()
                table.column("severity", .text).notNull()
                table.column("since", .integer).notNull()
                table.column("message", .text).notNull()
            }
            try db.create(table: "outbox") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("run_id", .integer).notNull().references("run")
                table.column("output", .text).notNull()  // the notification output's type
                table.column("destination", .text).notNull()  // an address or a URL
                table.column("message_id", .text).notNull().unique()
                table.column("summary", .text).notNull()  // for `tutahi outbox`, such as the subject
                table.column("payload", .blob).notNull()
                table.column("created_at", .integer).notNull()
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("next_attempt_at", .integer).notNull()
                table.column("last_error", .text)
                table.column("delivered_at", .integer)
            }
            try db.create(index: "outbox_waiting", on: "outbox", columns: ["delivered_at", "next_attempt_at"])
        }
        migrator.registerMigration("v2: monitors sharing one store") { db in
            try db.alter(table: "run") { table in
                table.add(column: "monitor", .text).notNull().defaults(to: "default")
            }
            try db.create(index: "run_by_monitor", on: "run", columns: ["monitor", "as_of"])
            try db.alter(table: "outbox") { table in
                table.add(column: "monitor", .text).notNull().defaults(to: "default")
            }
            // Alert states are keyed by monitor too: a new table, since SQLite cannot change a key.
            try db.create(table: "alert_state_v2") { table in
                table.column("monitor", .text).notNull()
                table.column("rule", .text).notNull()
                table.column("agency", .text).notNull()
                table.column("partner", .text).notNull()
                table.column("severity", .text).notNull()
                table.column("state", .text).notNull()
                table.column("consecutive_runs", .integer).notNull()
                table.column("since", .integer).notNull()
                table.column("last_notified", .integer)
                table.column("message", .text).notNull()
                table.column("run_id", .integer).notNull().references("run")
                table.primaryKey(["monitor", "rule", "agency", "partner"])
            }
            try db.execute(sql: """
                INSERT INTO alert_state_v2
                SELECT 'default', rule, agency, partner, severity, state, consecutive_runs, since, last_notified,
                       message, run_id
                FROM alert_state
                """)
            try db.drop(table: "alert_state")
            try db.rename(table: "alert_state_v2", to: "alert_state")
        }
        migrator.registerMigration("v3: snapshots for the live view") { db in
            // What `serve`'s pages show of a run, recorded when the config has `http:`.
            try db.create(table: "run_snapshot") { table in
                table.primaryKey("run_id", .integer).references("run", onDelete: .cascade)
                table.column("json", .blob).notNull()
            }
            try db.create(table: "relationship_snapshot") { table in
                table.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                table.column("agency", .text).notNull()
                table.column("partner", .text).notNull()
                table.column("json", .blob).notNull()
                table.primaryKey(["run_id", "agency", "partner"])
            }
        }
        return migrator
    }

    /// Checks, without changing anything, that `database` has every migration this binary knows and
    /// none it does not (for read-only use).
    static func checkSchema(_ database: any DatabaseReader) throws {
        try database.read { db in
            let applied = try migrator.appliedIdentifiers(db)
            let known = Set(migrator.migrations)
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(
                    path: db.configuration.label ?? "the store",
                    reason: "its schema (`\(unknown)`) is newer than this tutahi knows; use a newer tutahi")
            }
            if applied.count < known.count {
                throw StoreError(
                    path: db.configuration.label ?? "the store",
                    reason: "its schema is older than this tutahi's; run `tutahi run` once to bring it up to date")
            }
        }
    }
}
