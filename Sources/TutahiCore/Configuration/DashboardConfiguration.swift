import TutahiPluginAPI

/// `http:`: where `serve` answers for pages, the API and metrics, and who may look.
public struct DashboardConfiguration: Sendable {
    /// The address to listen on (an IP address or `localhost`).
    public var host: String
    /// The port (0: any free port, named in the log).
    public var port: Int
    /// How many entries of each evidence list a relationship's page and explanation keep.
    public var evidenceLimit: Int
    /// Who may look, or nil when everyone who can reach the (loopback) address sees everything.
    public var viewers: [Viewer]?

    /// Creates the configuration.
    public init(host: String, port: Int, evidenceLimit: Int, viewers: [Viewer]?) {
        self.host = host
        self.port = port
        self.evidenceLimit = evidenceLimit
        self.viewers = viewers
    }

    /// The default number of evidence entries kept per list.
    public static let defaultEvidenceLimit = 50

    /// True for addresses only this machine can reach: 127.0.0.0/8, `::1` and `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Someone allowed to look at the live view: a name, a bearer token and what they may see.
///
/// Its description names it, never its token.
public struct Viewer: Sendable, CustomStringConvertible {
    /// What a viewer may see.
    public enum Scope: Sendable, Hashable {
        /// Every relationship, every agency's roll-up, the metrics and data quality.
        case all
        /// The relationships whose agency is in `agencies` or whose partner is in `partners`, and
        /// the roll-ups of `agencies`.
        case some(agencies: Set<String>, partners: Set<String>)
    }

    /// The viewer's name, for logs.
    public var name: String
    /// The bearer token (from `${VAR}`): never logged, stored or shown.
    public var token: String
    /// What the viewer may see.
    public var scope: Scope

    /// Creates a viewer.
    public init(name: String, token: String, scope: Scope) {
        self.name = name
        self.token = token
        self.scope = scope
    }

    /// The viewer who sees everything: the open, loopback-only view without `viewers`.
    public static let everyone = Viewer(name: "everyone", token: "", scope: .all)

    /// `viewer NAME`.
    public var description: String { "viewer \(name)" }

    /// True when the viewer may see everything (metrics and data quality included).
    public var seesEverything: Bool { scope == .all }

    /// True when the viewer may see the relationship of `agency` and `partner`.
    public func sees(agency: String, partner: String) -> Bool {
        switch scope {
        case .all: return true
        case .some(let agencies, let partners): return agencies.contains(agency) || partners.contains(partner)
        }
    }

    /// True when the viewer may see `agency`'s roll-up over all its relationships.
    public func seesRollUp(of agency: String) -> Bool {
        switch scope {
        case .all: return true
        case .some(let agencies, _): return agencies.contains(agency)
        }
    }
}
