import TutahiPluginAPI

/// Registers this module's plugins: the `email` and `webhook` notifications, with the email templates.
public func registerPlugins(in registrar: inout some PluginRegistrar) {
    registrar.register(notifier: EmailNotifier.self)
    registrar.register(notifier: WebhookNotifier.self)
    for (name, text) in EmailNotifier.builtInTemplates { registrar.register(template: name, text: text) }
}
