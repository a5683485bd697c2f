/// Where a plugin module registers the plugins it provides.
///
/// Every plugin module has one public function that registers all its plugins:
///
/// ```swift
/// public func registerPlugins(in registrar: inout some PluginRegistrar) {
///     registrar.register(indicator: ReplyCount.self)
/// }
/// ```
///
/// The `tutahi` executable calls it for every module in the package's list of built-in plugins.
public protocol PluginRegistrar {
    /// Registers an indicator plugin under `Plugin.type`, the name users write in `plugin:`.
    mutating func register<Plugin: IndicatorPlugin>(indicator plugin: Plugin.Type)
    /// Registers an output sink under `Sink.type`, the name users write in an output's `type:`.
    mutating func register<Sink: OutputSink>(sink: Sink.Type)
    /// Registers a notification output (sent through the outbox) under `Output.type`.
    mutating func register<Output: Notifier>(notifier: Output.Type)
    /// Registers a built-in template users may print with `tutahi template NAME`, copy and override.
    mutating func register(template name: String, text: String)
}
