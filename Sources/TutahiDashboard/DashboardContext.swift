import Hummingbird
import HummingbirdAuth
import TutahiCore

/// Each request's context: the viewer it was made for, and its browser session (the viewer's name).
struct DashboardContext: AuthRequestContext, SessionRequestContext, RequestContext {
    /// Hummingbird's part.
    var coreContext: CoreRequestContextStorage
    /// The viewer, once a token or a session names one.
    var identity: Viewer?
    /// The session a browser signed in with.
    let sessions: SessionContext<String>

    init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
    }
}

/// Finds the viewer: everyone on an open (loopback) view; else the bearer token's, or the signed-in
/// session's. A wrong token finds no one, whatever session comes with it.
struct ViewerAuthenticator: AuthenticatorMiddleware {
    typealias Context = DashboardContext

    let access: ViewerAccess

    func authenticate(request: Request, context: Context) async throws -> Viewer? {
        if access.isOpen { return .everyone }
        if request.headers[.authorization] != nil {
            guard let bearer = request.headers.bearer else { return nil }
            return access.viewer(withToken: bearer.token)
        }
        if let name = context.sessions.session { return access.viewer(named: name) }
        return nil
    }
}

/// Headers on every answer: nothing may run or load from elsewhere, nothing is cached, and the
/// pages cannot be framed.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
