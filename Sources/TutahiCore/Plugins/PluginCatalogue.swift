import TutahiPluginAPI

/// The text of `tutahi plugins`: every plugin type with its keys, from the plugins' own declarations.
public struct PluginCatalogue: Sendable {
    /// The registry to describe.
    public var registry: PluginRegistry

    /// Creates a catalogue of `registry`.
    public init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// The whole catalogue, or one type's entry when `type` is given (nil when there is no such type).
    public func render(type: String? = nil) -> String? {
        var sections: [String] = []
        let indicators = registry.indicators.values.sorted { $0.type < $1.type }
        let sinks = registry.sinks.values.sorted { $0.type < $1.type }
        if type == nil {
            sections.append("Keys every indicator has\n\n" + table(IndicatorConfiguration.commonOptions))
        }
        for entry in indicators where type == nil || entry.type == type {
            let minimum = entry.pluginType.defaultMinimumCount
            sections.append(
                "indicator plugin `\(entry.type)` — \(entry.summary) (default min_n \(minimum))\n\n" + table(entry.options))
        }
        for entry in sinks where type == nil || entry.type == type {
            sections.append("output `\(entry.type)` — \(entry.summary)\n\n" + table(entry.options))
        }
        return sections.isEmpty ? nil : sections.joined(separator: "\n")
    }

    private func table(_ options: [OptionDocumentation]) -> String {
        guard !options.isEmpty else { return "  (no keys)\n" }
        let rows = options.map { [$0.key, $0.type, $0.defaultValue ?? "required", $0.summary] }
        return TextTable(header: ["key", "type", "default", "meaning"], rows: rows).rendered(indent: "  ", underline: false)
    }
}
