import ArgumentParser
import TutahiCore
import TutahiPluginAPI

/// `tutahi explain`: why relationships score what they do, down to the events behind each score.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain relationships' scores: each indicator's points, what changed, and the evidence behind them.",
        discussion: """
            Recomputes from the data; nothing is written or recorded. Without AGENCY every \
            relationship is explained; with AGENCY, that agency's; with PARTNER too, that one relationship.
            """)

    /// The output forms.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("as-of"), help: "Explain as of a date (YYYY-MM-DD) or an RFC 3339 timestamp. Default: now.")
    var asOf: String?

    @Option(
        name: .customLong("compare-to"),
        help: "Compare with an earlier as-of: each indicator's previous score and points, and the change.")
    var compareTo: String?

    @Argument(help: "Only this agency's relationships.")
    var agency: String?

    @Argument(help: "Only the relationship of AGENCY with this partner.")
    var partner: String?

    @Option(help: "text (a tree for people) or json (tutahi.explain/1).")
    var format: Format = .text

    @Option(help: "Keep the first N entries of each evidence list.")
    var limit: Int?

    func validate() throws {
        for (name, value) in [("--as-of", asOf), ("--compare-to", compareTo)] {
            if let value, Timestamp.parse(value) == nil {
                throw ValidationError(
                    "\(name) `\(value)` is not a date (2026-06-30) or an RFC 3339 timestamp (2026-06-30T09:00:00+12:00)")
            }
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, found \(limit)") }
    }

    func run() async throws {
        let logger = options.bootstrapLogging()
        let configuration = try options.loadConfiguration(logger: logger)
        let instant = asOf.flatMap { AsOf.parse($0, in: configuration.zone) } ?? AsOf.now()
        let earlier = compareTo.flatMap { AsOf.parse($0, in: configuration.zone) }
        if let earlier, earlier >= instant {
            Terminal.error("tutahi: error: --compare-to must be earlier than --as-of")
            throw ExitCode(2)
        }
        let check = Check(configuration: configuration, logger: logger)
        let dataset: Dataset
        do {
            dataset = try check.loadData(progress: Terminal.progress)
            Terminal.clearProgress()
        } catch {
            Terminal.clearProgress()
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        let engine = Engine(configuration: configuration, dataset: dataset, logger: logger)
        var keys = engine.relationships(at: instant)
        if let agency { keys = keys.filter { $0.agency == agency } }
        if let partner { keys = keys.filter { $0.partner == partner } }
        if keys.isEmpty, agency != nil {
            let which = partner.map { "between `\(agency ?? "")` and `\($0)`" } ?? "for agency `\(agency ?? "")`"
            Terminal.error("tutahi: error: no relationship \(which) as of \(configuration.zone.format(instant))")
            throw ExitCode(2)
        }
        let explanation = await engine.explain(keys, at: instant, comparedTo: earlier)
        switch format {
        case .json: print(explanation.json(limit: limit).serialized())
        case .text: print(explanation.text(configuration: configuration, limit: limit), terminator: "")
        }
    }
}
