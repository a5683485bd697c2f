#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI

/// `console`: a table of relationships and agencies on standard output, coloured on a terminal.
public struct ConsoleSink: OutputSink {
    /// The keys of a `console` output.
    public struct Options: Decodable, Sendable {
        /// `auto` (colour on a terminal unless NO_COLOR is set), `always` or `never`.
        public var color: ColorChoice?
    }

    /// When to colour the table.
    public enum ColorChoice: String, ChoiceDecodable {
        case auto, always, never
    }

    public static let type = "console"
    public static let summary = "A readable table on standard output (colour only on a terminal)"
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("color", "auto | always | never", default: "auto", "colour on a terminal unless NO_COLOR is set",
            example: "never"),
    ]

    let colored: Bool

    /// Decides on colour.
    public init(options: Options, setup: SinkSetup) throws {
        switch options.color ?? .auto {
        case .always: colored = true
        case .never: colored = false
        case .auto: colored = isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
        }
    }

    /// Prints the table.
    public func write(_ scorecard: Scorecard) async throws {
        let text = ConsoleTable(scorecard: scorecard, colored: colored).render()
        if let code = FileDescriptorIO.writeAll(Array(text.utf8), to: STDOUT_FILENO) {
            throw AtomicFile.WriteError(path: "standard output", reason: FileDescriptorIO.describe(code))
        }
    }
}

/// The text of the console output.
public struct ConsoleTable: Sendable {
    /// The scorecard to show.
    public var scorecard: Scorecard
    /// Whether to use ANSI colours.
    public var colored: Bool

    /// Creates a table.
    public init(scorecard: Scorecard, colored: Bool) {
        self.scorecard = scorecard
        self.colored = colored
    }

    /// The whole output.
    public func render() -> String {
        var out = "Tūtahi relationship health as of \(scorecard.zone.format(scorecard.asOf)) (\(scorecard.zone.identifier))\n\n"
        let dimensionHeaders = scorecard.dimensions.map(\.label)
        var rows: [[Cell]] = []
        for relationship in scorecard.relationships {
            var row: [Cell] = [
                Cell(relationship.agency.id), Cell(relationship.partner.id),
                Cell(Self.number(relationship.overall.score), relationship.overall.status),
                Cell(relationship.overall.status.words, relationship.overall.status),
                Cell(relationship.coverage.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"),
            ]
            row += relationship.dimensions.map { Cell(Self.number($0.result.score), $0.result.status) }
            rows.append(row)
        }
        out += table(header: ["agency", "partner", "overall", "status", "coverage"] + dimensionHeaders, rows: rows)
        out += "\nAgencies\n"
        let agencyRows = scorecard.agencies.map { agency in
            [Cell(agency.agency.id), Cell(Self.number(agency.score), agency.status), Cell(agency.status.words, agency.status),
             Cell("\(agency.relationships)"), Cell("\(agency.green)"), Cell("\(agency.amber)"), Cell("\(agency.red)")]
        }
        out += table(header: ["agency", "score", "status", "relationships", "green", "amber", "red"], rows: agencyRows)
        let firing = scorecard.alerts.filter { $0.state == .firing }.count
        out += "\n\(scorecard.relationships.count) relationships · \(firing) alerts firing · "
        out += "\(scorecard.dataIssues.rejected) data rows rejected\n"
        return out
    }

    struct Cell {
        var text: String
        var status: Status?
        init(_ text: String, _ status: Status? = nil) {
            self.text = text
            self.status = status
        }
    }

    private func table(header: [String], rows: [[Cell]]) -> String {
        TextTable(header: header, rows: rows.map { $0.map(\.text) }).rendered { row, column, padded in
            paint(padded, rows[row][column].status)
        }
    }

    private func paint(_ text: String, _ status: Status?) -> String {
        guard colored, let status else { return text }
        let code: String
        switch status {
        case .green: code = "32"
        case .amber: code = "33"
        case .red, .error: code = "31"
        case .suppressed, .noData: code = "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(Int((value * 10).rounded()) / 10) + "." + String(abs(Int((value * 10).rounded())) % 10)
    }
}

