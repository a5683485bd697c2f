import TutahiPluginAPI

/// `csv`: one row per relationship × indicator, for spreadsheets.
public struct CSVSink: OutputSink {
    /// The keys of a `csv` output.
    public struct Options: Decodable, Sendable {
        /// Where to write, relative to the config file.
        public var path: Located<String>
    }

    public static let type = "csv"
    public static let summary = "One row per relationship × indicator: agency, partner, dimension, indicator, value, score, n, status"
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("path", "path", default: nil, "the file to write, relative to the config file", example: "out/scorecard.csv"),
    ]

    let path: String

    /// Resolves the path.
    public init(options: Options, setup: SinkSetup) throws {
        path = try setup.outputPath(options.path)
    }

    /// Writes the rows (RFC 4180, UTF-8, CRLF line ends). Suppressed results have empty value,
    /// score and n, as in every presentation output.
    public func write(_ scorecard: Scorecard) async throws {
        let dimensionOf = Dictionary(
            scorecard.indicators.map { ($0.id, $0.dimension) }, uniquingKeysWith: { first, _ in first })
        var text = "agency,partner,dimension,indicator,value,score,n,status\r\n"
        for relationship in scorecard.relationships {
            for result in relationship.indicators {
                let hidden = result.status == .suppressed || result.status == .error
                let fields = [
                    relationship.agency.id, relationship.partner.id, dimensionOf[result.id] ?? "", result.id,
                    hidden ? "" : Self.number(result.value), hidden ? "" : Self.number(result.score),
                    hidden ? "" : "\(result.n)", result.status.rawValue,
                ]
                text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
            }
        }
        try AtomicFile.write(text, to: path)
    }

    /// Numbers unrounded, as in the JSON scorecard (shortest text that reads back the same).
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A field quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@`
    /// is prefixed with `'` so a spreadsheet does not run it as a formula.
    static func quoted(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first), Double(field) == nil { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
