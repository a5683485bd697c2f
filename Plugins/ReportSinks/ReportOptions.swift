import TutahiPluginAPI
import TutahiTemplates

/// The keys of an `html` or `markdown` output.
public struct ReportOptions: Decodable, Sendable {
    /// Where to write, relative to the config file.
    public var path: String
    /// A Mustache template to use instead of the built-in one (`tutahi template NAME` prints it).
    public var template: Located<String>?
    /// The report's title.
    public var title: String?

    static func documentation(example: String, templateName: String) -> [OptionDocumentation] {
        [
            OptionDocumentation("path", "path", default: nil, "the file to write, relative to the config file", example: example),
            OptionDocumentation(
                "template", "path", default: "built in",
                "a Mustache template replacing the built-in one (`tutahi template \(templateName)` prints it)",
                example: "templates/report.\(templateName == "html" ? "html" : "md").mustache"),
            OptionDocumentation("title", "text", default: "Tūtahi relationship health", "the report's title", example: "Te Tai Tokerau relationships"),
        ]
    }
}

/// An `html` or `markdown` report: the scorecard through a Mustache template, replaced atomically.
struct TemplatedReport: Sendable {
    let path: String
    let title: String
    let template: MustacheFile

    init(options: ReportOptions, builtIn: String, setup: SinkSetup) throws {
        path = setup.resolve(options.path)
        title = options.title ?? "Tūtahi relationship health"
        template = try MustacheFile(builtIn: builtIn, override: options.template, setup: setup)
    }

    func write(_ scorecard: Scorecard) throws {
        try AtomicFile.write(template.render(ReportView(scorecard, title: title)), to: path)
    }
}
