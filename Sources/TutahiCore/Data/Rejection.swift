import TutahiPluginAPI

/// A rejection found while checking one row: the reason and the field at fault.
struct Rejection: Error {
    var reason: RejectionReason
    var field: String?

    init(_ reason: RejectionReason, field: String? = nil) {
        self.reason = reason
        self.field = field
    }
}

/// The rejected rows of a load: counts for all, positions for the first few.
public struct RejectionLog: Sendable {
    /// How many rejected rows keep their position (for logs and `validate`).
    public static let keptRows = 1000

    /// Counts by reason.
    public private(set) var counts: [RejectionReason: Int] = [:]
    /// The first rejected rows, in load order.
    public private(set) var rows: [RejectedRow] = []

    /// Creates an empty log.
    public init() {}

    /// The number of rejected rows.
    public var total: Int { counts.values.reduce(0, +) }

    mutating func record(_ rejection: Rejection, file: String, line: Int) {
        counts[rejection.reason, default: 0] += 1
        if rows.count < Self.keptRows {
            rows.append(RejectedRow(file: file, line: line, reason: rejection.reason, field: rejection.field))
        }
    }

    /// The scorecard's `data_issues`.
    public var dataIssues: DataIssues {
        DataIssues(
            rejected: total,
            byReason: RejectionReason.allCases.compactMap { reason in counts[reason].map { (reason, $0) } },
            first: Array(rows.prefix(20)))
    }
}

/// A data problem that stops the run: a missing file, missing columns, a bad parties file.
public struct DataLoadError: Error, Sendable, CustomStringConvertible {
    /// The file at fault, as written in the config.
    public var file: String
    /// The line, when one row is at fault.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// `FILE[:LINE]: message`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
