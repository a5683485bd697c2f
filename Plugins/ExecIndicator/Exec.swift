import Foundation
import TutahiPluginAPI

/// `exec`: an indicator computed by an external program, in any language, speaking JSON
/// (`tutahi.plugin/1`) on standard input and output.
public struct Exec: IndicatorPlugin {
    /// The keys of an `exec` indicator; every other key is passed through to the program.
    public struct Options: Decodable, Sendable {
        /// The program and its arguments (no shell).
        public var command: Located<[String]>
        /// How long the program may run, default `30s`.
        public var timeout: Located<Period>?

        enum CodingKeys: String, CodingKey {
            case command, timeout
        }

        /// Decodes `command` and `timeout`, accepting every other key for the program.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            _ = container.allKeys
            command = try container.decode(Located<[String]>.self, forKey: AnyKey(stringValue: "command"))
            timeout = try container.decodeIfPresent(Located<Period>.self, forKey: AnyKey(stringValue: "timeout"))
        }
    }

    public static let type = "exec"
    public static let summary = "An indicator computed by an external program speaking JSON (tutahi.plugin/1)"
    public static let defaultMinimumCount = 1
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("command", "list of strings", default: nil,
            "program and arguments, run without a shell in the config directory (bare names via PATH)",
            example: "[python3, plugins/senior_presence.py]"),
        OptionDocumentation("timeout", "duration", default: "30s", "the program's whole process group is killed after it",
            example: "20s"),
        OptionDocumentation("(any other key)", "any", default: "—", "passed to the program in request.indicator", example: ""),
    ]

    let command: [String]
    let timeoutSeconds: Double
    let setup: IndicatorSetup

    /// Checks that a command is given.
    public init(options: Options, setup: IndicatorSetup) throws {
        guard let program = options.command.value.first, !program.isEmpty else {
            throw options.command.error("`command` needs a program to run")
        }
        command = options.command.value
        switch try options.timeout?.positive("timeout") ?? .seconds(30) {
        case .seconds(let seconds): timeoutSeconds = Double(seconds)
        case .days(let days): timeoutSeconds = Double(days) * 86_400
        }
        self.setup = setup
    }

    /// Runs the program once for every relationship.
    public func measure(_ relationships: [RelationshipEvidence], context: MeasurementContext) async throws
        -> [Observation?]
    {
        let request = ExecRequest(configuration: setup.configuration, context: context).json(for: relationships)
        let output = try await ExecProcess(
            command: command, directory: setup.configDirectory, timeoutSeconds: timeoutSeconds, logger: setup.logger
        ).run(input: Array(request.serialized().utf8))
        return try ExecReply.measurements(from: output, for: relationships)
    }
}
