import TutahiTemplates
import TutahiPluginAPI

/// What the report templates see: every value already formatted as text, nothing raw.
///
/// Templates are Mustache; the names below are the variables they use (see `tutahi template`).
struct ReportView: MustacheView {
    let title: String
    let asOf: String
    let asOfDate: String
    let timezone: String
    let relationshipCount: Int
    let statusCounts: [StatusCount]
    let agencies: [AgencyView]
    /// Alerts by severity and state, most severe first.
    let alertCounts: [AlertCount]
    /// Critical alerts only (every alert is also on its relationship's card).
    let criticalAlerts: [AlertView]
    let hasCriticalAlerts: Bool
    let hasAlerts: Bool
    let groups: [AgencyGroup]
    let dimensions: [DimensionLegend]
    let indicators: [IndicatorLegend]
    let dataIssues: DataIssuesView
    let hasTrends: Bool

    struct StatusView: MustacheView {
        let word: String
        let css: String
        let symbol: String
    }

    struct StatusCount: MustacheView {
        let status: StatusView
        let count: Int
    }

    struct AgencyView: MustacheView {
        let id: String
        let name: String
        let anchor: String
        let relationships: Int
        let scored: Int
        let score: String
        let status: StatusView
        let green: Int
        let amber: Int
        let red: Int
        /// The agency's place among its peers, such as `62nd`, or an en dash.
        let percentile: String
    }

    struct AlertCount: MustacheView {
        let severity: String
        let firing: Int
        let pending: Int
        let resolved: Int
    }

    struct AlertView: MustacheView {
        let severity: String
        let state: String
        let agency: String
        let partner: String
        let message: String
    }

    struct AgencyGroup: MustacheView {
        let id: String
        let name: String
        let anchor: String
        var relationships: [RelationshipView]
    }

    struct RelationshipView: MustacheView {
        let anchor: String
        let agency: String
        let partner: String
        let partnerID: String
        let partnerKind: String
        let score: String
        let status: StatusView
        let coverage: String
        let trend: String?
        let trendText: String?
        let alerts: [AlertView]
        let hasAlerts: Bool
        let dimensions: [DimensionView]
        let indicators: [IndicatorView]
        /// Where the two sides' views of the relationship are compared.
        let sides: [SidesView]
        let hasSides: Bool
        /// The indicators that moved its overall score most since the previous run, largest first.
        let moves: [MoveView]
        let hasMoves: Bool
        /// The date of that previous run.
        let movesSince: String?
    }

    /// One indicator's change in points of the overall score since the previous run.
    struct MoveView: MustacheView {
        let label: String
        /// Signed points: `+3.3`, `-2.1`.
        let points: String
        /// The indicator's score then and now: `50.0 → 0.0`.
        let scores: String
    }

    /// The agency's view beside the partner's, for one indicator that compares them.
    struct SidesView: MustacheView {
        let label: String
        let agency: String
        let partner: String
        /// The agency's mean minus the partner's, signed (`+1.2`).
        let gap: String
        /// Who sees the relationship more warmly, in words.
        let reading: String
        let scale: String
        let chart: String?
    }

    struct DimensionView: MustacheView {
        let label: String
        let score: String
        let status: StatusView
    }

    struct IndicatorView: MustacheView {
        let label: String
        let dimension: String
        /// The value with its units when the plugin gives them ("5 of 7 in time (71%)"), else the number.
        let value: String
        let score: String
        let n: String
        let status: StatusView
        let note: String?
        /// `good from 75, needs attention from 50`.
        let thresholds: String
        /// "thin evidence: rests on 2 items", for a scored result resting on few items.
        let thin: String?
        /// The evidence items that count against a result below green, at most the report's limit.
        let against: [String]
        let hasAgainst: Bool
        /// "and 3 more", when the limit cut the list.
        let againstMore: String?
    }

    struct DimensionLegend: MustacheView {
        let id: String
        let label: String
    }

    struct IndicatorLegend: MustacheView {
        let id: String
        let label: String
        let dimension: String
        let description: String?
        /// `good from 75.0, needs attention from 50.0`.
        let thresholds: String
    }

    struct DataIssuesView: MustacheView {
        let rejected: Int
        let hasRejected: Bool
        let byReason: [ReasonCount]
        let first: [RejectedRowView]
    }

    struct ReasonCount: MustacheView {
        let reason: String
        let count: Int
    }

    struct RejectedRowView: MustacheView {
        let file: String
        let line: Int
        let reason: String
    }
}
