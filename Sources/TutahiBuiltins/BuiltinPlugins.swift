import TutahiCore

extension PluginRegistry {
    /// Every plugin that ships with Tūtahi: those of each module in `Package.swift`'s list of
    /// plugins (``builtinModules``), registered by the code the `BuiltinPluginList` build tool
    /// writes from that list.
    public static let builtin: PluginRegistry = {
        var registry = PluginRegistry()
        registerBuiltinModules(in: &registry)
        return registry
    }()

    /// The built-in templates users may copy and override, by name (`tutahi template NAME`).
    public static var builtinTemplates: [(name: String, text: String)] { builtin.templates }
}
