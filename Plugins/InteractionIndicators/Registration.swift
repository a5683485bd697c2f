import TutahiPluginAPI

/// Registers this module's plugins: `follow_through`, `advance_notice`, `engagement` and `ratio`.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(indicator: FollowThrough.self)
    registrar.register(indicator: AdvanceNotice.self)
    registrar.register(indicator: Engagement.self)
    registrar.register(indicator: Ratio.self)
}
