import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// Making a plugin in a test the way a config makes it.
public enum PluginSetup {
    /// The indicator `Plugin` set up from `options`, its own keys written as YAML (`"target: 2"`),
    /// decoded and checked exactly as in a config file named `test.yaml`. Throws the config errors
    /// (`SourceErrors`) a user would see.
    public static func indicator<Plugin: IndicatorPlugin>(
        _ plugin: Plugin.Type, options yaml: String, id: String = "test", zone: Zone = .auckland
    ) throws -> Plugin {
        let node = try YAMLParser().parse(Array(yaml.utf8), file: "test.yaml") 
            ?? YAMLNode(.mapping([]), at: SourceMark(file: "test.yaml", line: 1, column: 1))
        let options = try YAMLDecoder().decode(Plugin.Options.self, from: node)
        return try Plugin(options: options, setup: IndicatorSetup(id: id, configDirectory: ".", zone: zone))
    }
}
