import TutahiPluginAPI

/// `json`: the `tutahi.scorecard/1` scorecard, replaced atomically.
public struct JSONSink: OutputSink {
    /// The keys of a `json` output.
    public struct Options: Decodable, Sendable {
        /// Where to write, relative to the config file.
        public var path: Located<String>
    }

    public static let type = "json"
    public static let summary = "The JSON scorecard (tutahi.scorecard/1), replaced atomically"
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("path", "path", default: nil, "the file to write, relative to the config file", example: "out/scorecard.json"),
    ]

    let path: String

    /// Resolves the path.
    public init(options: Options, setup: SinkSetup) throws {
        path = try setup.outputPath(options.path)
    }

    /// Writes the scorecard.
    public func write(_ scorecard: Scorecard) async throws {
        // Written as it is serialized: a national scorecard is tens of megabytes.
        try await AtomicFile.write(to: path) { append in
            try await scorecard.writeJSON(indent: 2, to: append)
            try append([UInt8(ascii: "\n")])
        }
    }
}
