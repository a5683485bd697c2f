import ExecIndicator
import FileSinks
import InteractionIndicators
import NotificationSinks
import ReportSinks
import SurveyIndicators
import TutahiCore

extension PluginRegistry {
    /// Every plugin that ships with Tūtahi. A new plugin folder under `Plugins/` adds one line here.
    public static var builtin: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(indicator: SurveyScale.self)
        registry.register(indicator: PerceptionGap.self)
        registry.register(indicator: FollowThrough.self)
        registry.register(indicator: AdvanceNotice.self)
        registry.register(indicator: Engagement.self)
        registry.register(indicator: Ratio.self)
        registry.register(indicator: Exec.self)
        registry.register(sink: JSONSink.self)
        registry.register(sink: ConsoleSink.self)
        registry.register(sink: HTMLSink.self)
        registry.register(sink: MarkdownSink.self)
        registry.register(sink: CSVSink.self)
        registry.register(notifier: EmailNotifier.self)
        registry.register(notifier: WebhookNotifier.self)
        return registry
    }

    /// The built-in templates users may copy and override, by name (`tutahi template NAME`).
    public static let builtinTemplates: [(name: String, text: String)] = [
        ("html", HTMLSink.builtInTemplate),
        ("markdown", MarkdownSink.builtInTemplate),
    ] + EmailNotifier.builtInTemplates

    /// The module (folder under `Plugins/`) of each built-in plugin type, for the registration test.
    public static let builtinFolders: Set<String> = [
        "SurveyIndicators", "InteractionIndicators", "FileSinks", "ReportSinks", "NotificationSinks", "ExecIndicator",
    ]
}
