import ArgumentParser
import Foundation
import Logging
import TutahiBuiltins
import TutahiCore

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The config file, such as config/tutahi.yaml.")
    var config: String

    @Flag(name: .shortAndLong, help: "Log details (debug level) to standard error.")
    var verbose = false

    /// Sets up logging to standard error: `defaultLevel` and above, everything with --verbose.
    func bootstrapLogging(defaultLevel: Logger.Level = .warning) -> Logger {
        let level: Logger.Level = verbose ? .debug : defaultLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "tutahi")
    }

    /// Loads the configuration, printing every problem and exiting 2 when there are any.
    func loadConfiguration(logger: Logger) throws -> Configuration {
        try Self.loadConfiguration(path: config, logger: logger)
    }

    /// Loads the configuration at `path`, printing every problem and exiting 2 when there are any.
    static func loadConfiguration(path: String, logger: Logger) throws -> Configuration {
        do {
            return try ConfigurationLoader(
                registry: .builtin, environment: ProcessInfo.processInfo.environment, logger: logger
            ).load(path: path)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// Writing to the terminal.
enum Terminal {
    /// Prints `text` and a line break on standard error (errors, warnings, rejected rows).
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal (progress is shown only there).
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

    /// Shows `step` on one self-overwriting line, on a terminal only.
    static func progress(_ step: String) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K… \(step)".utf8))
    }

    /// Clears the progress line.
    static func clearProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
