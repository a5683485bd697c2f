import TutahiPluginAPI

/// `html`: a self-contained scorecard report for people (inline CSS and SVG, no scripts, no network).
public struct HTMLSink: OutputSink {
    public typealias Options = ReportOptions

    public static let type = "html"
    public static let summary = "A scorecard report page: agencies, alerts, every relationship with trends; prints and reads on a phone"
    public static let options = ReportOptions.documentation(example: "out/report.html", templateName: "html")

    /// The built-in template, for `tutahi template html`.
    public static let builtInTemplate = HTMLTemplate.text

    let report: TemplatedReport

    /// Resolves the path and parses the template (a bad template is a config error at its position).
    public init(options: Options, setup: SinkSetup) throws {
        report = try TemplatedReport(options: options, builtIn: HTMLTemplate.text, setup: setup)
    }

    /// When the report shows evidence (`evidence` is not 0).
    public var wantsEvidence: Bool { report.evidenceLimit > 0 }

    /// Writes the report.
    public func write(_ scorecard: Scorecard) async throws {
        try report.write(scorecard)
    }
}
