import ArgumentParser
import TutahiCore
import TutahiPluginAPI

/// `tutahi validate`: check the config and the data files, writing nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the config and data files without writing anything.",
        discussion: "Config problems are printed as FILE:LINE:COLUMN: message (exit 2); rejected data rows are listed.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let logger = options.bootstrapLogging()
        let configuration = try options.loadConfiguration(logger: logger)
        let dataset: Dataset
        do {
            dataset = try Check(configuration: configuration, logger: logger).loadData(progress: Terminal.progress)
            Terminal.clearProgress()
        } catch {
            Terminal.clearProgress()
            Terminal.error("tutahi: error: \(error.description)")
            throw ExitCode(1)
        }
        let unknown = (configuration.relationships.include + configuration.relationships.exclude).filter {
            dataset.parties[$0.agency] == nil || dataset.parties[$0.partner] == nil
        }
        for key in unknown {
            Terminal.error("\(configuration.file): warning: relationship \(key) names a party not in \(configuration.data.parties)")
        }
        let rejections = dataset.rejections
        let shown = options.verbose ? rejections.rows : Array(rejections.rows.prefix(20))
        for row in shown {
            Terminal.error("\(row.file):\(row.line): rejected: \(row.reason.rawValue)\(row.field.map { " (\($0))" } ?? "")")
        }
        if rejections.total > shown.count {
            Terminal.error("… and \(rejections.total - shown.count) more rejected rows (--verbose lists up to \(RejectionLog.keptRows))")
        }
        print("""
            \(configuration.file): OK
              \(configuration.dimensions.count) dimensions, \(configuration.indicators.count) indicators, \
            \(configuration.alerts.count) alert rules, \(configuration.outputs.count) outputs
              \(dataset.parties.count) parties, \(dataset.responses.count) survey responses, \
            \(dataset.interactions.count) interactions, \(rejections.total) rows rejected
            """)
    }
}
