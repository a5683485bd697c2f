import TutahiPluginAPI

/// Registers this module's plugins: `exec`, an indicator computed by an external program.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(indicator: Exec.self)
}
