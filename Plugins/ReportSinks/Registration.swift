import TutahiPluginAPI

/// Registers this module's plugins: the `html`, `markdown` and `csv` reports, with the templates of the first two.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(sink: HTMLSink.self)
    registrar.register(sink: MarkdownSink.self)
    registrar.register(sink: CSVSink.self)
    registrar.register(template: "html", text: HTMLSink.builtInTemplate)
    registrar.register(template: "markdown", text: MarkdownSink.builtInTemplate)
}
