import TutahiPluginAPI

/// Registers this module's plugins: the `json` and `console` outputs.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(sink: JSONSink.self)
    registrar.register(sink: ConsoleSink.self)
}
