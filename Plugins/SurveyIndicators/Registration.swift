import TutahiPluginAPI

/// Registers this module's plugins: `survey_scale` and `perception_gap`.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(indicator: SurveyScale.self)
    registrar.register(indicator: PerceptionGap.self)
}
