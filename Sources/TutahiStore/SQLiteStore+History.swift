import GRDB
import TutahiPluginAPI

/// One relationship's scores in one past run.
public struct RelationshipHistoryPoint: Sendable, Hashable {
    /// The run's number.
    public var runID: Int64
    /// The run's as-of.
    public var asOf: Instant
    /// The as-of as RFC 3339 in the configured zone.
    public var asOfText: String
    /// The overall score and status.
    public var overall: ScoredStatus
    /// Each dimension's score and status, by dimension id.
    public var dimensions: [String: ScoredStatus]

    /// Gathers points from rows of (run, as-of, score name, score, status), in run order.
    struct Builder {
        /// The points so far.
        private(set) var points: [RelationshipHistoryPoint] = []

        /// Adds one score of one run.
        mutating func add(runID: Int64, asOf: Int64, asOfText: String, name: String, score: Double?, status: String) {
            if points.last?.runID != runID {
                points.append(RelationshipHistoryPoint(
                    runID: runID, asOf: Instant(nanoseconds: asOf), asOfText: asOfText,
                    overall: ScoredStatus(score: nil, status: .noData), dimensions: [:]))
            }
            let scored = ScoredStatus(score: score, status: Status(rawValue: status) ?? .noData)
            if name == "overall" {
                points[points.count - 1].overall = scored
            } else {
                points[points.count - 1].dimensions[name] = scored
            }
        }
    }
}

extension SQLiteStore {
    /// The most recent runs, newest first (at most `limit`): this monitor's, or every monitor's.
    public func runs(limit: Int = 50, allMonitors: Bool = false) async throws(StoreError) -> [RunRecord] {
        try await access { [monitor] db in
            let runs = allMonitors ? RunRecord.all() : RunRecord.filter(Column("monitor") == monitor)
            return try runs.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// The latest as-of of this monitor's recorded runs.
    public func latestAsOf() async throws -> Instant? {
        try await access { [monitor] db in
            try Int64.fetchOne(db, sql: "SELECT max(as_of) FROM run WHERE monitor = ?", arguments: [monitor])
                .map { Instant(nanoseconds: $0) }
        }
    }

    /// `agency`–`partner`'s overall and dimension scores in every run that scored it, oldest first.
    public func history(agency: String, partner: String) async throws(StoreError) -> [RelationshipHistoryPoint] {
        try await access { [monitor] db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT score.run_id, run.as_of, run.as_of_text, score.name, score.score, score.status
                FROM score JOIN run ON run.id = score.run_id
                WHERE run.monitor = ? AND score.agency = ? AND score.partner = ?
                ORDER BY run.id
                """, arguments: [monitor, agency, partner])
            var points = RelationshipHistoryPoint.Builder()
            for row in rows {
                points.add(
                    runID: row["run_id"], asOf: row["as_of"], asOfText: row["as_of_text"], name: row["name"],
                    score: row["score"], status: row["status"])
            }
            return points.points
        }
    }

    /// Each relationship's overall score in the most recent `runs` distinct as-ofs before `asOf`,
    /// oldest first; when several runs share an as-of, the latest of them counts.
    public func trends(before asOf: Instant, runs: Int) async throws -> [RelationshipKey: [TrendPoint]] {
        try await access { [monitor] db in
            let rows = try Row.fetchAll(db, sql: """
                WITH latest AS (
                    SELECT max(id) AS id, as_of FROM run WHERE monitor = ? AND as_of < ?
                    GROUP BY as_of ORDER BY as_of DESC LIMIT ?
                )
                SELECT score.agency, score.partner, latest.as_of, score.score
                FROM score JOIN latest ON latest.id = score.run_id
                WHERE score.name = 'overall'
                ORDER BY latest.as_of
                """, arguments: [monitor, asOf.nanoseconds, runs])
            var trends: [RelationshipKey: [TrendPoint]] = [:]
            for row in rows {
                trends[RelationshipKey(agency: row["agency"], partner: row["partner"]), default: []]
                    .append(TrendPoint(asOf: Instant(nanoseconds: row["as_of"]), score: row["score"]))
            }
            return trends
        }
    }

    /// The number of this monitor's recorded runs.
    public func runCount() async throws(StoreError) -> Int {
        try await access { [monitor] db in try RunRecord.filter(Column("monitor") == monitor).fetchCount(db) }
    }
}
