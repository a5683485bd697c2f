import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import ServiceLifecycle
import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTemplates

/// `serve`'s live view (`http:`): pages for people, the JSON API, Prometheus metrics and a health
/// check, each limited to what the asking viewer may see.
///
/// Everything shown comes from the store's last recorded run; ``showLatestRun()`` publishes a new
/// one after each check, so a check in progress never blocks or half-shows a page.
public struct Dashboard: Sendable {
    let configuration: Configuration
    let settings: DashboardConfiguration
    let live: LiveRun
    let access: ViewerAccess
    let pages: PageTemplates
    let logger: Logger

    /// The live view of `configuration`'s `http:`, reading from `store` (a connection of its own,
    /// beside the one checks record with).
    public init(configuration: Configuration, settings: DashboardConfiguration, store: any MonitorStore, logger: Logger) throws {
        self.configuration = configuration
        self.settings = settings
        live = LiveRun(store: store, logger: logger)
        access = ViewerAccess(viewers: settings.viewers)
        pages = try PageTemplates()
        self.logger = logger
    }

    /// Reads the newest recorded run from the store and shows it from now on.
    public func showLatestRun() async {
        await live.refresh()
    }

    /// The HTTP server, as a service for `serve`'s group: it stops when the group shuts down.
    /// `listening` hears the address it took (the port is chosen when `listen` gives port 0).
    public func service(listening: @escaping @Sendable (String) -> Void = { _ in }) -> some Service {
        let router = Router(context: DashboardContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: SessionMiddleware(
            storage: MemoryPersistDriver(),
            configuration: SessionMiddlewareConfiguration(
                sessionCookieParameters: SessionCookieParameters(name: "tutahi_session", path: "/", sameSite: .strict),
                defaultSessionExpiration: .seconds(8 * 60 * 60))))
        router.add(middleware: ViewerAuthenticator(access: access))
        let routes = DashboardRoutes(dashboard: self)
        router.add(middleware: UnknownPaths(routes: routes))
        routes.add(to: router)
        let host = settings.host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: settings.port), serverName: "tutahi"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                listening(host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)")
            },
            logger: logger)
    }
}

/// The pages' templates, parsed once.
struct PageTemplates: Sendable {
    let overview: MustacheFile
    let agency: MustacheFile
    let relationship: MustacheFile
    let alerts: MustacheFile
    let message: MustacheFile
    let signIn: MustacheFile

    init() throws {
        overview = try MustacheFile(builtIn: DashboardTemplates.overview)
        agency = try MustacheFile(builtIn: DashboardTemplates.agency)
        relationship = try MustacheFile(builtIn: DashboardTemplates.relationship)
        alerts = try MustacheFile(builtIn: DashboardTemplates.alerts)
        message = try MustacheFile(builtIn: DashboardTemplates.message)
        signIn = try MustacheFile(builtIn: DashboardTemplates.signIn)
    }
}
