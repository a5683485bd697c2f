import TutahiPluginAPI
import TutahiTemplates

/// The keys of an `html` or `markdown` output.
public struct ReportOptions: Decodable, Sendable {
    /// Where to write, relative to the config file.
    public var path: Located<String>
    /// A Mustache template to use instead of the built-in one (`tutahi template NAME` prints it).
    public var template: Located<String>?
    /// The report's title.
    public var title: String?
    /// How many evidence items to show under each indicator below green (0: none), default 5.
    public var evidence: Located<Int>?

    static func documentation(example: String, templateName: String) -> [OptionDocumentation] {
        [
            OptionDocumentation("path", "path", default: nil, "the file to write, relative to the config file", example: example),
            OptionDocumentation(
                "template", "path", default: "built in",
                "a Mustache template replacing the built-in one (`tutahi template \(templateName)` prints it)",
                example: "templates/report.\(templateName == "html" ? "html" : "md").mustache"),
            OptionDocumentation("title", "text", default: "Tūtahi relationship health", "the report's title", example: "Te Tai Tokerau relationships"),
            OptionDocumentation(
                "evidence", "whole number", default: "5",
                "items shown under each indicator below green (late, open, short notice…); 0 for none", example: "3"),
        ]
    }
}

/// An `html` or `markdown` report: the scorecard through a Mustache template, replaced atomically.
struct TemplatedReport: Sendable {
    let path: String
    let title: String
    let template: MustacheFile
    let evidenceLimit: Int

    init(options: ReportOptions, builtIn: String, setup: SinkSetup) throws {
        path = try setup.outputPath(options.path)
        title = options.title ?? "Tūtahi relationship health"
        evidenceLimit = options.evidence?.value ?? 5
        if let evidence = options.evidence, evidence.value < 0 {
            throw evidence.error("`evidence` counts items to show: 0 or more")
        }
        template = try MustacheFile(builtIn: builtIn, override: options.template, setup: setup)
    }

    func write(_ scorecard: Scorecard) throws {
        try AtomicFile.write(
            template.render(ReportView(scorecard, title: title, evidenceLimit: evidenceLimit)), to: path)
    }
}
