import ExecIndicator
import FileSinks
import InteractionIndicators
import SurveyIndicators
import TutahiCore

extension PluginRegistry {
    /// Every plugin that ships with Tūtahi. A new plugin folder under `Plugins/` adds one line here.
    public static var builtin: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(indicator: SurveyScale.self)
        registry.register(indicator: FollowThrough.self)
        registry.register(indicator: AdvanceNotice.self)
        registry.register(indicator: Engagement.self)
        registry.register(indicator: Ratio.self)
        registry.register(indicator: Exec.self)
        registry.register(sink: JSONSink.self)
        registry.register(sink: ConsoleSink.self)
        return registry
    }

    /// The module (folder under `Plugins/`) of each built-in plugin type, for the registration test.
    public static let builtinFolders: Set<String> = ["SurveyIndicators", "InteractionIndicators", "FileSinks", "ExecIndicator"]
}
