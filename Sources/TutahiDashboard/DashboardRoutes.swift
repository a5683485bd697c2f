import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore
import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTemplates

/// Every route of the live view. Anything a viewer may not see answers exactly as something that
/// does not exist: 404, with the same body.
struct DashboardRoutes {
    let dashboard: Dashboard

    /// What a request is for: a page (sign in with a browser) or the API (a bearer token).
    enum Audience {
        case page, api
    }

    func add(to router: Router<DashboardContext>) {
        router.get("/healthz") { _, _ in
            await dashboard.live.storeAnswers()
                ? Self.text("ok\n", status: .ok) : Self.text("the store does not answer\n", status: .serviceUnavailable)
        }
        router.get("/style.css") { _, _ in
            var response = Self.body(DashboardTemplates.css, type: "text/css; charset=utf-8", status: .ok)
            response.headers[.cacheControl] = "max-age=300"
            return response
        }
        router.get("/favicon.ico") { _, _ in
            Response(status: .noContent)
        }
        router.get("/sign-in") { _, context in
            signInPage(problem: nil, context: context, status: .ok)
        }
        router.post("/sign-in") { request, context in
            try await signIn(request, context: context)
        }
        router.post("/sign-out") { _, context in
            context.sessions.clearSession()
            return Response.redirect(to: dashboard.access.isOpen ? "/" : "/sign-in")
        }
        router.get("/") { request, context in
            try await page(request, context) { viewer, published, frame in
                let scorecard = published.scorecard.visible(to: viewer)
                return dashboard.pages.overview.render(
                    OverviewPage(scorecard, viewer: viewer, frame: frame, title: "Tūtahi relationship health"))
            }
        }
        router.get("/alerts") { request, context in
            try await page(request, context) { viewer, published, frame in
                dashboard.pages.alerts.render(AlertsPage(published.scorecard.visible(to: viewer), frame: frame))
            }
        }
        router.get("/agencies/:agency") { request, context in
            let agency = context.parameters.get("agency") ?? ""
            return try await page(request, context) { viewer, published, frame in
                AgencyPage(agency: agency, scorecard: published.scorecard.visible(to: viewer), frame: frame)
                    .map { dashboard.pages.agency.render($0) }
            }
        }
        router.get("/relationships/:agency/:partner") { request, context in
            let key = RelationshipKey(
                agency: context.parameters.get("agency") ?? "", partner: context.parameters.get("partner") ?? "")
            return try await page(request, context) { viewer, published, frame in
                guard viewer.sees(agency: key.agency, partner: key.partner),
                    let snapshot = try await dashboard.live.relationship(key)
                else { return nil }
                let history = try await dashboard.live.history(key)
                return dashboard.pages.relationship.render(RelationshipPage(
                    snapshot, scorecard: published.scorecard.visible(to: viewer), history: history, frame: frame))
            }
        }
        router.get("/api/v1/scorecard") { request, context in
            try await api(request, context) { viewer, published in
                published.scorecard.visible(to: viewer).jsonValue
            }
        }
        router.get("/api/v1/explain/:agency/:partner") { request, context in
            let key = RelationshipKey(
                agency: context.parameters.get("agency") ?? "", partner: context.parameters.get("partner") ?? "")
            return try await api(request, context) { viewer, published in
                guard viewer.sees(agency: key.agency, partner: key.partner),
                    let snapshot = try await dashboard.live.relationship(key)
                else { return nil }
                return snapshot.explanation(asOf: published.scorecard.asOf, zone: published.scorecard.zone).json()
            }
        }
        router.get("/metrics") { request, context in
            guard let viewer = context.identity else { return Self.unauthorised(.api) }
            guard viewer.seesEverything else { return Self.notFound(.api, pages: nil) }
            let pending = try? await dashboard.live.outboxPending()
            return Self.body(
                MetricsExposition.text(await dashboard.live.published, outboxPending: pending),
                type: "text/plain; version=0.0.4; charset=utf-8", status: .ok)
        }
    }

    /// The answer for a path no route knows: a sign-in for someone not signed in, else 404.
    func unknown(_ request: Request, context: DashboardContext) async -> Response {
        let audience: Audience = request.uri.path.hasPrefix("/api/") || request.uri.path == "/metrics" ? .api : .page
        guard context.identity != nil else { return Self.unauthorised(audience) }
        return Self.notFound(
            audience, pages: dashboard.pages, frame: frame(context, published: await dashboard.live.published))
    }

    // MARK: Pages and the API

    private func frame(_ context: DashboardContext, published: PublishedRun?) -> FrameView {
        FrameView(
            navigation: true, monitor: dashboard.configuration.monitor,
            viewer: dashboard.access.isOpen ? nil : context.sessions.session, published: published)
    }

    /// A page for the signed-in viewer, or a sign-in redirect; `render` gives nil for what the
    /// viewer may not see or what does not exist.
    private func page(
        _ request: Request, _ context: DashboardContext,
        render: (Viewer, PublishedRun, FrameView) async throws -> String?
    ) async throws -> Response {
        guard let viewer = context.identity else { return Self.unauthorised(.page) }
        guard let published = await dashboard.live.published else {
            return Self.html(dashboard.pages.message.render(MessagePage(
                pageTitle: "No run yet", frame: frame(context, published: nil), heading: "No run recorded yet",
                text: "The first check has not been recorded. This page shows it once it is.")), status: .serviceUnavailable)
        }
        let frame = frame(context, published: published)
        guard let html = try await render(viewer, published, frame) else {
            return Self.notFound(.page, pages: dashboard.pages, frame: frame)
        }
        return Self.html(html, status: .ok)
    }

    /// A JSON answer for the viewer; `render` gives nil for what the viewer may not see or what does not exist.
    private func api(
        _ request: Request, _ context: DashboardContext, render: (Viewer, PublishedRun) async throws -> JSONValue?
    ) async throws -> Response {
        guard let viewer = context.identity else { return Self.unauthorised(.api) }
        guard let published = await dashboard.live.published else {
            var response = Self.json(.object([("error", .string("no run has been recorded yet"))]), status: .serviceUnavailable)
            response.headers[.retryAfter] = "60"
            return response
        }
        guard let value = try await render(viewer, published) else { return Self.notFound(.api, pages: nil) }
        return Self.json(value, status: .ok)
    }

    private func signInPage(problem: String?, context: DashboardContext, status: HTTPResponse.Status) -> Response {
        let frame = FrameView(navigation: false, monitor: dashboard.configuration.monitor, viewer: nil, published: nil)
        return Self.html(dashboard.pages.signIn.render(SignInPage(frame: frame, problem: problem)), status: status)
    }

    /// Checks the posted token; on success starts a session (an HttpOnly, SameSite=Strict cookie).
    private func signIn(_ request: Request, context: DashboardContext) async throws -> Response {
        if dashboard.access.isOpen { return Response.redirect(to: "/") }
        let body = try await request.body.collect(upTo: 4096)
        let token = FormFields.value(of: "token", in: String(buffer: body)) ?? ""
        guard !token.isEmpty, let viewer = dashboard.access.viewer(withToken: token) else {
            dashboard.logger.notice("sign-in refused: unknown token")
            return signInPage(problem: "That token is not known here.", context: context, status: .unauthorized)
        }
        context.sessions.createSession(viewer.name)
        dashboard.logger.info("signed in", metadata: ["viewer": "\(viewer.name)"])
        return Response.redirect(to: "/")
    }

    // MARK: Answers

    static func unauthorised(_ audience: Audience) -> Response {
        switch audience {
        case .page:
            return Response.redirect(to: "/sign-in")
        case .api:
            var response = json(.object([("error", .string("a viewer's token is needed: Authorization: Bearer TOKEN"))]), status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"tutahi\""
            return response
        }
    }

    /// The same answer for what does not exist and for what the viewer may not see.
    static func notFound(_ audience: Audience, pages: PageTemplates?, frame: FrameView? = nil) -> Response {
        guard audience == .page, let pages, let frame else {
            return json(.object([("error", .string("not found"))]), status: .notFound)
        }
        return html(pages.message.render(MessagePage(
            pageTitle: "Not found", frame: frame, heading: "Not found",
            text: "There is nothing here to show you. Check the address, or go back to the overview.")), status: .notFound)
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        body(text, type: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status) -> Response {
        body(value.serializedBytes(indent: 2) + [0x0A], type: "application/json", status: status)
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        body(text, type: "text/plain; charset=utf-8", status: status)
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        body(Array(text.utf8), type: type, status: status)
    }

    static func body(_ bytes: [UInt8], type: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Turns the router's "no such route" into ``DashboardRoutes/unknown(_:context:)``'s answer.
struct UnknownPaths: RouterMiddleware {
    typealias Context = DashboardContext

    let routes: DashboardRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return await routes.unknown(request, context: context)
        }
    }
}

/// `application/x-www-form-urlencoded` fields.
enum FormFields {
    /// The value of `name` in `body`, decoded (`+` as a space, `%XX` as a byte).
    static func value(of name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, decode(parts[0]) == name else { continue }
            return decode(parts[1])
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
