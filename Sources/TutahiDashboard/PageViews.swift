import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTemplates

/// What every page's frame shows: the monitor, who is signed in, and the run shown.
struct FrameView: MustacheView {
    struct RunView: MustacheView {
        let number: Int64
        let asOf: String
        let finished: String
        let duration: String
    }

    /// False on the sign-in page, where there is nothing yet to navigate to.
    let navigation: Bool
    let monitor: String
    /// The signed-in viewer's name (nil for bearer requests and an open view).
    let viewer: String?
    let run: RunView?

    init(navigation: Bool, monitor: String, viewer: String?, published: PublishedRun?) {
        self.navigation = navigation
        self.monitor = "monitor \(monitor)"
        self.viewer = viewer
        run = published.map { published in
            let zone = published.scorecard.zone
            return RunView(
                number: published.run.id ?? 0, asOf: ReportFormat.longDate(published.scorecard.asOf, in: zone),
                finished: EvidenceSummary.plain(.string(zone.format(
                    Instant(nanoseconds: published.run.finishedAt / 1_000_000_000 * 1_000_000_000)))),
                duration: Seconds.format(published.run.finishedAt - published.run.startedAt))
        }
    }
}

struct OverviewPage: MustacheView {
    struct RelationshipRow: MustacheView {
        let agency: String
        let agencyLink: String
        let partner: String
        let link: String
        let score: String
        let status: ReportView.StatusView
    }

    let pageTitle: String
    let frame: FrameView
    let report: ReportView
    let hasAgencies: Bool
    /// Relationships the viewer sees without seeing their agency's roll-up (a partner's own).
    let relationships: [RelationshipRow]
    let hasOwnRelationships: Bool

    init(_ scorecard: Scorecard, viewer: Viewer, frame: FrameView, title: String) {
        pageTitle = "Overview"
        self.frame = frame
        report = ReportView(scorecard, title: title, evidenceLimit: 0, cards: false)
        hasAgencies = !scorecard.agencies.isEmpty
        relationships = scorecard.relationships.filter { !viewer.seesRollUp(of: $0.agency.id) }.map { relationship in
            RelationshipRow(
                agency: relationship.agency.name, agencyLink: Links.agency(relationship.agency.id),
                partner: relationship.partner.name, link: Links.relationship(relationship.key),
                score: ReportFormat.score(relationship.overall.score), status: ReportFormat.status(relationship.overall.status))
        }
        hasOwnRelationships = !relationships.isEmpty
    }
}

struct AgencyPage: MustacheView {
    struct Card: MustacheView {
        let card: ReportView.RelationshipView
        let link: String
    }

    let pageTitle: String
    let frame: FrameView
    let name: String
    let report: ReportView
    let rollUp: ReportView.AgencyView?
    let cards: [Card]

    /// The page of `agency` from `scorecard`, already limited to what the viewer sees.
    init?(agency: String, scorecard: Scorecard, frame: FrameView) {
        var mine = scorecard
        mine.relationships = scorecard.relationships.filter { $0.agency.id == agency }
        mine.agencies = scorecard.agencies.filter { $0.agency.id == agency }
        mine.alerts = scorecard.alerts.filter { $0.agency == agency }
        guard let first = mine.relationships.first else { return nil }
        report = ReportView(mine, title: first.agency.name, evidenceLimit: 0)
        name = first.agency.name
        pageTitle = name
        self.frame = frame
        rollUp = report.agencies.first
        cards = zip(mine.relationships, report.groups.flatMap(\.relationships)).map { relationship, view in
            Card(card: view, link: Links.relationship(relationship.key))
        }
    }
}

struct AlertsPage: MustacheView {
    struct Row: MustacheView {
        let severity: String
        let state: String
        let agency: String
        let partner: String
        let message: String
        let link: String
    }

    let pageTitle: String
    let frame: FrameView
    let report: ReportView
    let alerts: [Row]
    let hasAlerts: Bool

    init(_ scorecard: Scorecard, frame: FrameView) {
        pageTitle = "Alerts"
        self.frame = frame
        report = ReportView(scorecard, title: "Alerts", evidenceLimit: 0, cards: false)
        let names = Dictionary(
            scorecard.relationships.flatMap { [($0.agency.id, $0.agency.name), ($0.partner.id, $0.partner.name)] },
            uniquingKeysWith: { first, _ in first })
        alerts = ReportView.mostSevereFirst(scorecard.alerts).map { alert in
            Row(
                severity: alert.severity.rawValue, state: alert.state.rawValue, agency: names[alert.agency] ?? alert.agency,
                partner: names[alert.partner] ?? alert.partner, message: alert.message,
                link: Links.relationship(RelationshipKey(agency: alert.agency, partner: alert.partner)))
        }
        hasAlerts = !alerts.isEmpty
    }
}

struct MessagePage: MustacheView {
    let pageTitle: String
    let frame: FrameView
    let heading: String
    let text: String
}

struct SignInPage: MustacheView {
    let pageTitle = "Sign in"
    let frame: FrameView
    let problem: String?
}

/// Where each page lives. Party ids are `[a-z0-9][a-z0-9_.-]*`, so they need no escaping in a path.
enum Links {
    static func agency(_ id: String) -> String { "/agencies/\(id)" }
    static func relationship(_ key: RelationshipKey) -> String { "/relationships/\(key.agency)/\(key.partner)" }
}
