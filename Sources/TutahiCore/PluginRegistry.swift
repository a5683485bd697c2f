import TutahiPluginAPI

/// The plugins a configuration may name, keyed by the names users write in YAML.
public struct PluginRegistry: Sendable {
    /// A registered indicator plugin type.
    public struct IndicatorEntry: Sendable {
        /// The name users write in `plugin:`.
        public var type: String
        /// One line saying what it measures.
        public var summary: String
        /// The Swift type.
        public var pluginType: any IndicatorPlugin.Type
        /// The plugin's own keys.
        public var options: [OptionDocumentation]
        /// The keys its `Options` reads from `node` (for the documentation test).
        public var keysRead: @Sendable (YAMLNode) -> (keys: Set<String>, problems: [SourceError])
        fileprivate var make: @Sendable (YAMLNode, YAMLDecoder, Set<String>, IndicatorSetup) throws -> any IndicatorPlugin
    }

    /// A registered output sink type.
    public struct SinkEntry: Sendable {
        /// The name users write in `type:`.
        public var type: String
        /// One line saying what it writes.
        public var summary: String
        /// The sink's keys other than `type`.
        public var options: [OptionDocumentation]
        /// The keys its `Options` reads from `node` (for the documentation test).
        public var keysRead: @Sendable (YAMLNode) -> (keys: Set<String>, problems: [SourceError])
        /// True for a notification output (email, webhook), which needs a store for its outbox.
        public var isNotifier: Bool
        fileprivate var make: @Sendable (YAMLNode, YAMLDecoder, SinkSetup) throws -> ConfiguredSink.Output
    }

    /// Indicator plugins by type name.
    public private(set) var indicators: [String: IndicatorEntry] = [:]
    /// Output sinks by type name.
    public private(set) var sinks: [String: SinkEntry] = [:]

    /// An empty registry.
    public init() {}

    /// Registers an indicator plugin under `Plugin.type`.
    public mutating func register<Plugin: IndicatorPlugin>(indicator plugin: Plugin.Type) {
        indicators[Plugin.type] = IndicatorEntry(
            type: Plugin.type, summary: Plugin.summary, pluginType: plugin, options: Plugin.options,
            keysRead: { YAMLDecoder().keysRead(by: Plugin.Options.self, from: $0) },
            make: { node, decoder, knownKeys, setup in
                let options = try decoder.decode(Plugin.Options.self, from: node, knownKeys: knownKeys)
                return try Plugin(options: options, setup: setup)
            })
    }

    /// Registers an output sink under `Sink.type`.
    public mutating func register<Sink: OutputSink>(sink: Sink.Type) {
        sinks[Sink.type] = SinkEntry(
            type: Sink.type, summary: Sink.summary, options: Sink.options,
            keysRead: { YAMLDecoder().keysRead(by: Sink.Options.self, from: $0) }, isNotifier: false,
            make: { node, decoder, setup in
                let options = try decoder.decode(Sink.Options.self, from: node, knownKeys: ["type"])
                return .sink(try Sink(options: options, setup: setup))
            })
    }

    /// Registers a notification output under `Output.type` (the same namespace as sinks).
    public mutating func register<Output: Notifier>(notifier: Output.Type) {
        sinks[Output.type] = SinkEntry(
            type: Output.type, summary: Output.summary, options: Output.options,
            keysRead: { YAMLDecoder().keysRead(by: Output.Options.self, from: $0) }, isNotifier: true,
            make: { node, decoder, setup in
                let options = try decoder.decode(Output.Options.self, from: node, knownKeys: ["type"])
                return .notifier(try Output(options: options, setup: setup))
            })
    }

    func makeIndicator(
        _ type: String, node: YAMLNode, decoder: YAMLDecoder, knownKeys: Set<String>, setup: IndicatorSetup
    ) throws -> (any IndicatorPlugin)? {
        try indicators[type].map { try $0.make(node, decoder, knownKeys, setup) }
    }

    func makeSink(_ type: String, node: YAMLNode, decoder: YAMLDecoder, setup: SinkSetup) throws -> ConfiguredSink.Output? {
        try sinks[type].map { try $0.make(node, decoder, setup) }
    }
}
