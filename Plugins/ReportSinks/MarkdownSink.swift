import TutahiPluginAPI

/// `markdown`: the HTML report's content as Markdown, for wikis and email.
public struct MarkdownSink: OutputSink {
    public typealias Options = ReportOptions

    public static let type = "markdown"
    public static let summary = "The scorecard report as Markdown (GitHub-style tables), for wikis and email"
    public static let options = ReportOptions.documentation(example: "out/report.md", templateName: "markdown")

    /// The built-in template, for `tutahi template markdown`.
    public static let builtInTemplate = MarkdownTemplate.text

    let report: TemplatedReport

    /// Resolves the path and parses the template (a bad template is a config error at its position).
    public init(options: Options, setup: SinkSetup) throws {
        report = try TemplatedReport(options: options, builtIn: MarkdownTemplate.text, setup: setup)
    }

    /// When the report shows evidence (`evidence` is not 0).
    public var wantsEvidence: Bool { report.evidenceLimit > 0 }

    /// Writes the report.
    public func write(_ scorecard: Scorecard) async throws {
        try report.write(scorecard)
    }
}
