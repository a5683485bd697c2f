import TutahiPluginAPI

extension IndicatorConfiguration {
    /// The keys every indicator has, whatever its plugin.
    public static let commonOptions: [OptionDocumentation] = [
        OptionDocumentation("id", "[a-z][a-z0-9_]*", default: nil, "unique; not overall, coverage or a dimension id", example: "trust_q"),
        OptionDocumentation("plugin", "plugin type", default: nil, "one of the plugin types below", example: "survey_scale"),
        OptionDocumentation("dimension", "dimension id", default: nil, "a dimension declared under dimensions:", example: "trust"),
        OptionDocumentation("weight", "number > 0", default: "1", "weight within the dimension", example: "2"),
        OptionDocumentation("window", "duration", default: "defaults.window, else 365d", "the window [as_of − window, as_of)",
            example: "180d"),
        OptionDocumentation("min_n", "whole number", default: "defaults.min_n, else the plugin's", "fewer items give no score",
            example: "5"),
        OptionDocumentation("thresholds", "{green, amber}", default: "defaults.thresholds, else {green: 75, amber: 50}",
            "status thresholds (amber ≤ green)", example: "{green: 80, amber: 60}"),
        OptionDocumentation("applies_to", "{partner_kinds, partner_tags}", default: "all", "relationships the indicator exists for",
            example: "{partner_kinds: [iwi, hapu]}"),
        OptionDocumentation("label", "text", default: "the id", "the name reports show", example: "Trust"),
        OptionDocumentation("description", "text", default: "none", "a sentence reports show", example: "Mean of trust items"),
    ]
}
