import TutahiCore
import TutahiPluginAPI

/// Who is asking: the configured viewers, found by token without revealing through timing which
/// token came close.
struct ViewerAccess: Sendable {
    /// The viewers, or nil when the view is open to everyone who can reach it (loopback only).
    let viewers: [Viewer]?
    /// Each viewer's token digest, compared instead of the token itself so every comparison takes
    /// the same time whatever the token's length.
    private let digests: [[UInt8]]

    init(viewers: [Viewer]?) {
        self.viewers = viewers
        digests = (viewers ?? []).map { Array(SHA256.hexDigest(of: Array($0.token.utf8)).utf8) }
    }

    /// True when anyone who reaches the address sees everything.
    var isOpen: Bool { viewers == nil }

    /// The viewer whose token is `token`, comparing it with every viewer's (all of them, every
    /// time, each in constant time).
    func viewer(withToken token: String) -> Viewer? {
        guard let viewers else { return .everyone }
        let digest = Array(SHA256.hexDigest(of: Array(token.utf8)).utf8)
        var found: Int?
        for (index, candidate) in digests.enumerated() {
            var difference: UInt8 = 0
            for (a, b) in zip(digest, candidate) { difference |= a ^ b }
            if difference == 0, found == nil { found = index }
        }
        return found.map { viewers[$0] }
    }

    /// The viewer named `name` (a signed-in session's), if still configured.
    func viewer(named name: String) -> Viewer? {
        guard let viewers else { return .everyone }
        return viewers.first { $0.name == name }
    }
}

extension Scorecard {
    /// What `viewer` may see of the scorecard: its relationships, their alerts and trends, the
    /// roll-ups of its agencies; the located rejected rows only for a viewer who sees everything
    /// (others get the counts).
    func visible(to viewer: Viewer) -> Scorecard {
        guard !viewer.seesEverything else { return self }
        var visible = self
        visible.relationships = relationships.filter { viewer.sees(agency: $0.agency.id, partner: $0.partner.id) }
        visible.agencies = agencies.filter { viewer.seesRollUp(of: $0.agency.id) }
        visible.alerts = alerts.filter { viewer.sees(agency: $0.agency, partner: $0.partner) }
        visible.trends = trends.filter { viewer.sees(agency: $0.key.agency, partner: $0.key.partner) }
        visible.contributions = contributions.filter { viewer.sees(agency: $0.key.agency, partner: $0.key.partner) }
        visible.dataIssues.first = []
        return visible
    }
}
