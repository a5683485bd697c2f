/// An output type users name in `outputs: [{type: …}]`, such as `json` or `console`.
///
/// A sink receives the finished scorecard and presents it: it writes a file atomically, prints, or
/// hands notifications on. It never recomputes a score.
public protocol OutputSink: Sendable {
    /// The sink's options, decoded from the output's keys other than `type`.
    associatedtype Options: Decodable & Sendable

    /// The name users write in `type:`.
    static var type: String { get }
    /// One line saying what the sink writes.
    static var summary: String { get }
    /// The sink's keys other than `type`, for `tutahi plugins` (checked against `Options` by the tests).
    static var options: [OptionDocumentation] { get }

    /// Checks `options` (throwing ``SourceError``s at their positions) and prepares the sink.
    init(options: Options, setup: SinkSetup) throws

    /// Whether the sink shows the evidence behind results (``IndicatorResult/evidence``) and what
    /// moved each score (``Scorecard/contributions``); the engine collects them only when some sink
    /// asks.
    var wantsEvidence: Bool { get }

    /// Presents `scorecard`.
    func write(_ scorecard: Scorecard) async throws
}

extension OutputSink {
    /// No evidence.
    public var wantsEvidence: Bool { false }
}

/// What a sink knows when it is set up.
public struct SinkSetup: Sendable {
    /// The directory of the config file, against which relative paths resolve.
    public var configDirectory: String
    /// The values that came from `${VAR}`: redact them from anything a sink logs, lists or stores
    /// (an outbox destination, say).
    public var secrets: Secrets

    /// Creates a setup.
    public init(configDirectory: String, secrets: Secrets = .none) {
        self.configDirectory = configDirectory
        self.secrets = secrets
    }

    /// `path` resolved against the config directory (absolute paths are kept).
    public func resolve(_ path: String) -> String {
        ConfigPath.resolve(path, against: configDirectory)
    }

    /// An output file's `path`, resolved; an empty one is an error at its position.
    public func outputPath(_ path: Located<String>) throws -> String {
        guard !path.value.isEmpty else { throw path.error("`path` names no file; give one such as `out/report.html`") }
        return resolve(path.value)
    }
}

/// Paths in a config file are relative to the directory of that file.
public enum ConfigPath {
    /// `path` resolved against `directory`; absolute paths are kept.
    public static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}
