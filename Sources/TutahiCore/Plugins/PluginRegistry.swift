import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// The plugins a configuration may name, keyed by the names users write in YAML.
///
/// Plugin modules fill it through ``PluginRegistrar``; ``registering(module:_:)`` records which
/// module each plugin came from, and a name registered twice is kept in ``conflicts`` (the first
/// registration wins) rather than silently replaced.
public struct PluginRegistry: Sendable, PluginRegistrar {
    /// A registered indicator plugin type.
    public struct IndicatorEntry: Sendable {
        /// The name users write in `plugin:`.
        public var type: String
        /// One line saying what it measures.
        public var summary: String
        /// The Swift type.
        public var pluginType: any IndicatorPlugin.Type
        /// The module that registered it (empty when registered outside ``registering(module:_:)``).
        public var module: String
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
        /// The module that registered it (empty when registered outside ``registering(module:_:)``).
        public var module: String
        fileprivate var make: @Sendable (YAMLNode, YAMLDecoder, SinkSetup) throws -> ConfiguredSink.Output
    }

    /// Indicator plugins by type name.
    public private(set) var indicators: [String: IndicatorEntry] = [:]
    /// Output sinks by type name.
    public private(set) var sinks: [String: SinkEntry] = [:]
    /// Templates users may print and override (`tutahi template NAME`), in registration order.
    public private(set) var templates: [(name: String, text: String)] = []
    /// Names registered more than once, with the modules that registered them; the first won.
    public private(set) var conflicts: [(name: String, modules: [String])] = []
    /// The module whose plugins are being registered.
    private var currentModule = ""
    /// The module that registered each template.
    private var templateModules: [String: String] = [:]

    /// An empty registry.
    public init() {}

    /// Runs `body`, recording `module` as the origin of every plugin it registers.
    public mutating func registering(module: String, _ body: (inout PluginRegistry) -> Void) {
        let outer = currentModule
        currentModule = module
        body(&self)
        currentModule = outer
    }

    /// Registers a built-in template.
    public mutating func register(template name: String, text: String) {
        guard claim("template \(name)", existing: templateModules[name]) else { return }
        templateModules[name] = currentModule
        templates.append((name: name, text: text))
    }

    /// Whether `name` is free among indicators (or sinks); records a conflict when it is not.
    private mutating func claim(_ name: String, existing: String?) -> Bool {
        guard let existing else { return true }
        conflicts.append((name: name, modules: [existing, currentModule]))
        return false
    }

    /// Registers an indicator plugin under `Plugin.type`.
    public mutating func register<Plugin: IndicatorPlugin>(indicator plugin: Plugin.Type) {
        guard claim(Plugin.type, existing: indicators[Plugin.type]?.module) else { return }
        indicators[Plugin.type] = IndicatorEntry(
            type: Plugin.type, summary: Plugin.summary, pluginType: plugin, module: currentModule, options: Plugin.options,
            keysRead: { YAMLDecoder().keysRead(by: Plugin.Options.self, from: $0) },
            make: { node, decoder, knownKeys, setup in
                let options = try decoder.decode(Plugin.Options.self, from: node, knownKeys: knownKeys)
                return try Plugin(options: options, setup: setup)
            })
    }

    /// Registers an output sink under `Sink.type`.
    public mutating func register<Sink: OutputSink>(sink: Sink.Type) {
        addOutput(Sink.type, summary: Sink.summary, options: Sink.options, isNotifier: false) { (options: Sink.Options, setup) in
            .sink(try Sink(options: options, setup: setup))
        }
    }

    /// Registers a notification output under `Output.type` (the same namespace as sinks).
    public mutating func register<Output: Notifier>(notifier: Output.Type) {
        addOutput(Output.type, summary: Output.summary, options: Output.options, isNotifier: true) { (options: Output.Options, setup) in
            .notifier(try Output(options: options, setup: setup))
        }
    }

    /// Adds an output type whose keys (other than `type`) decode as `Options` and which `make` sets up.
    private mutating func addOutput<Options: Decodable & Sendable>(
        _ type: String, summary: String, options: [OptionDocumentation], isNotifier: Bool,
        make: @escaping @Sendable (Options, SinkSetup) throws -> ConfiguredSink.Output
    ) {
        guard claim(type, existing: sinks[type]?.module) else { return }
        sinks[type] = SinkEntry(
            type: type, summary: summary, options: options,
            keysRead: { YAMLDecoder().keysRead(by: Options.self, from: $0) }, isNotifier: isNotifier, module: currentModule,
            make: { node, decoder, setup in
                try make(try decoder.decode(Options.self, from: node, knownKeys: ["type"]), setup)
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
