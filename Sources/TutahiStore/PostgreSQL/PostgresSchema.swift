/// The PostgreSQL store's schema, one numbered migration per change, as the SQLite store's.
///
/// `tutahi_schema` records the migrations applied. A database with a migration this binary does
/// not know was written by a newer Tūtahi and is refused, never altered.
enum PostgresSchema {
    /// The migrations, in order: a name and its statements.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1: monitors, runs, scores, alert state, outbox", [
            """
            CREATE TABLE run (
                id BIGSERIAL PRIMARY KEY, monitor TEXT NOT NULL, as_of BIGINT NOT NULL, as_of_text TEXT NOT NULL,
                started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL, config_digest TEXT NOT NULL,
                relationships INTEGER NOT NULL, alerts_pending INTEGER NOT NULL, alerts_firing INTEGER NOT NULL,
                alerts_resolved INTEGER NOT NULL, rows_rejected INTEGER NOT NULL)
            """,
            "CREATE INDEX run_by_monitor ON run (monitor, as_of)",
            "CREATE TABLE scorecard (run_id BIGINT PRIMARY KEY REFERENCES run (id) ON DELETE CASCADE, json TEXT NOT NULL)",
            """
            CREATE TABLE score (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE, agency TEXT NOT NULL,
                partner TEXT NOT NULL, name TEXT NOT NULL, score DOUBLE PRECISION, status TEXT NOT NULL,
                PRIMARY KEY (run_id, agency, partner, name))
            """,
            "CREATE INDEX score_by_relationship ON score (agency, partner, name)",
            """
            CREATE TABLE alert_state (
                monitor TEXT NOT NULL, rule TEXT NOT NULL, agency TEXT NOT NULL, partner TEXT NOT NULL,
                severity TEXT NOT NULL, state TEXT NOT NULL, consecutive_runs INTEGER NOT NULL, since BIGINT NOT NULL,
                last_notified BIGINT, message TEXT NOT NULL, run_id BIGINT NOT NULL REFERENCES run (id),
                PRIMARY KEY (monitor, rule, agency, partner))
            """,
            """
            CREATE TABLE alert_event (
                id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                reason TEXT NOT NULL, rule TEXT NOT NULL, agency TEXT NOT NULL, partner TEXT NOT NULL,
                severity TEXT NOT NULL, since BIGINT NOT NULL, message TEXT NOT NULL)
            """,
            """
            CREATE TABLE outbox (
                id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES run (id), monitor TEXT NOT NULL,
                output TEXT NOT NULL, destination TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, summary TEXT NOT NULL,
                payload BYTEA NOT NULL, created_at BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL, last_error TEXT, delivered_at BIGINT)
            """,
            "CREATE INDEX outbox_waiting ON outbox (monitor, delivered_at, next_attempt_at)",
        ]),
        ("2: snapshots for the live view", [
            "CREATE TABLE run_snapshot (run_id BIGINT PRIMARY KEY REFERENCES run (id) ON DELETE CASCADE, json BYTEA NOT NULL)",
            """
            CREATE TABLE relationship_snapshot (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE, agency TEXT NOT NULL,
                partner TEXT NOT NULL, json BYTEA NOT NULL, PRIMARY KEY (run_id, agency, partner))
            """,
        ]),
    ]
}
