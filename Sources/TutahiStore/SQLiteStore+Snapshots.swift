import Foundation
import GRDB
import TutahiCore

extension SQLiteStore {
    /// The newest run of this monitor with a snapshot, and the snapshot's scorecard part.
    public func latestSnapshot() async throws(StoreError) -> (run: RunRecord, scorecard: [UInt8])? {
        try await access { [monitor] db in
            guard let runID = try Int64.fetchOne(db, sql: """
                    SELECT run.id FROM run JOIN run_snapshot ON run_snapshot.run_id = run.id
                    WHERE run.monitor = ? ORDER BY run.id DESC LIMIT 1
                    """, arguments: [monitor]),
                let run = try RunRecord.fetchOne(db, key: runID),
                let json = try Data.fetchOne(db, sql: "SELECT json FROM run_snapshot WHERE run_id = ?", arguments: [runID])
            else { return nil }
            return (run, [UInt8](json))
        }
    }

    /// One relationship's snapshot in run `runID`, if it was scored then.
    public func relationshipSnapshot(runID: Int64, agency: String, partner: String) async throws(StoreError) -> [UInt8]? {
        try await access { db in
            try Data.fetchOne(
                db, sql: "SELECT json FROM relationship_snapshot WHERE run_id = ? AND agency = ? AND partner = ?",
                arguments: [runID, agency, partner]
            ).map { [UInt8]($0) }
        }
    }
}
