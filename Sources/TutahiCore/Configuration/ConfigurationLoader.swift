import Logging
import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// Reads a config file and everything it names, checking it all and reporting every independent
/// problem at once as `FILE:LINE:COLUMN: message`.
public struct ConfigurationLoader: Sendable {
    /// The plugins configurations may name.
    public var registry: PluginRegistry
    /// Variables for `${VAR}`.
    public var environment: [String: String]
    /// The log handed to plugins.
    public var logger: Logger

    /// Creates a loader.
    public init(registry: PluginRegistry, environment: [String: String], logger: Logger = Logger(label: "tutahi")) {
        self.registry = registry
        self.environment = environment
        self.logger = logger
    }

    /// Loads and checks the config file at `path` (named as the user wrote it).
    public func load(path: String) throws(SourceErrors) -> Configuration {
        let contents: [UInt8]
        do {
            contents = try YAMLParser().readFile(atPath: path)
        } catch {
            throw SourceErrors([error])
        }
        return try load(contents: contents, path: path)
    }

    /// Loads and checks a config file's `contents`, as if read from `path` (relative paths in it
    /// resolve against that file's directory).
    public func load(contents: [UInt8], path: String) throws(SourceErrors) -> Configuration {
        let root: YAMLNode?
        do {
            root = try YAMLParser().parse(contents, file: path)
        } catch {
            throw SourceErrors([error])
        }
        return try load(root, contents: contents, path: path)
    }

    private func load(_ root: YAMLNode?, contents: [UInt8], path: String) throws(SourceErrors) -> Configuration {
        let start = SourceMark(file: path, line: 1, column: 1)
        guard let root else {
            throw SourceErrors([SourceError("the file is empty; expected a mapping with `data`, `dimensions` and `indicators`", at: start)])
        }
        guard root.mapping != nil else {
            throw SourceErrors([SourceError("expected a mapping of settings at the top level, found \(root.kindDescription)", at: root.mark)])
        }
        let decoder = YAMLDecoder(environment: environment)
        let (decoded, problems) = decoder.decodeCollecting(RawConfiguration.self, from: root)
        var resolver = ConfigurationResolver(
            file: path, directory: Self.directory(of: path), registry: registry, decoder: decoder, logger: logger,
            problems: problems)
        resolver.fileBytes = contents
        resolver.secrets = Secrets.referenced(in: Self.text(of: root), environment: environment)
        let configuration = resolver.resolve(decoded ?? RawConfiguration(), root: root)
        guard resolver.problems.isEmpty, let configuration else {
            throw SourceErrors(resolver.problems.isEmpty
                ? [SourceError("the configuration is incomplete", at: start)] : resolver.problems)
        }
        return configuration
    }

    /// Every scalar of the document, for finding the `${VAR}`s it names.
    private static func text(of node: YAMLNode) -> String {
        if let scalar = node.scalar { return scalar.text }
        if let items = node.sequence { return items.map(text).joined(separator: "\n") }
        return (node.mapping ?? []).map { $0.key + "\n" + text(of: $0.value) }.joined(separator: "\n")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
