
import TutahiPluginAPI

/// What the report templates see: every value already formatted as text, nothing raw.
///
/// Templates are Mustache; the names below are the variables they use (see `tutahi template`).
package struct ReportView: MustacheView {
    package let title: String
    package let asOf: String
    package let asOfDate: String
    package let timezone: String
    package let relationshipCount: Int
    package let statusCounts: [StatusCount]
    package let agencies: [AgencyView]
    /// Alerts by severity and state, most severe first.
    package let alertCounts: [AlertCount]
    /// Critical alerts only (every alert is also on its relationship's card).
    package let criticalAlerts: [AlertView]
    package let hasCriticalAlerts: Bool
    package let hasAlerts: Bool
    package let groups: [AgencyGroup]
    package let dimensions: [DimensionLegend]
    package let indicators: [IndicatorLegend]
    package let dataIssues: DataIssuesView
    package let hasTrends: Bool

    package struct StatusView: MustacheView {
        package let word: String
        package let css: String
        package let symbol: String
    }

    package struct StatusCount: MustacheView {
        package let status: StatusView
        package let count: Int
    }

    package struct AgencyView: MustacheView {
        package let id: String
        package let name: String
        package let anchor: String
        package let relationships: Int
        package let scored: Int
        package let score: String
        package let status: StatusView
        package let green: Int
        package let amber: Int
        package let red: Int
        /// The agency's place among its peers, such as `62nd`, or an en dash.
        package let percentile: String
    }

    package struct AlertCount: MustacheView {
        package let severity: String
        package let firing: Int
        package let pending: Int
        package let resolved: Int
    }

    package struct AlertView: MustacheView {
        package let severity: String
        package let state: String
        package let agency: String
        package let partner: String
        package let message: String
    }

    package struct AgencyGroup: MustacheView {
        package let id: String
        package let name: String
        package let anchor: String
        package var relationships: [RelationshipView]
    }

    package struct RelationshipView: MustacheView {
        package let anchor: String
        package let agency: String
        package let partner: String
        package let partnerID: String
        package let partnerKind: String
        package let score: String
        package let status: StatusView
        package let coverage: String
        package let trend: String?
        package let trendText: String?
        package let alerts: [AlertView]
        package let hasAlerts: Bool
        package let dimensions: [DimensionView]
        package let indicators: [IndicatorView]
        /// Where the two sides' views of the relationship are compared.
        package let sides: [SidesView]
        package let hasSides: Bool
        /// The indicators that moved its overall score most since the previous run, largest first.
        package let moves: [MoveView]
        package let hasMoves: Bool
        /// The date of that previous run.
        package let movesSince: String?
    }

    /// One indicator's change in points of the overall score since the previous run.
    package struct MoveView: MustacheView {
        package let label: String
        /// Signed points: `+3.3`, `-2.1`.
        package let points: String
        /// The indicator's score then and now: `50.0 → 0.0`.
        package let scores: String
    }

    /// The agency's view beside the partner's, for one indicator that compares them.
    package struct SidesView: MustacheView {
        package let label: String
        package let agency: String
        package let partner: String
        /// The agency's mean minus the partner's, signed (`+1.2`).
        package let gap: String
        /// Who sees the relationship more warmly, in words.
        package let reading: String
        package let scale: String
        package let chart: String?
    }

    package struct DimensionView: MustacheView {
        package let label: String
        package let score: String
        package let status: StatusView
    }

    package struct IndicatorView: MustacheView {
        package let label: String
        package let dimension: String
        /// The value with its units when the plugin gives them ("5 of 7 in time (71%)"), else the number.
        package let value: String
        package let score: String
        package let n: String
        package let status: StatusView
        package let note: String?
        /// `good from 75, needs attention from 50`.
        package let thresholds: String
        /// "thin evidence: rests on 2 items", for a scored result resting on few items.
        package let thin: String?
        /// The evidence items that count against a result below green, at most the report's limit.
        package let against: [String]
        package let hasAgainst: Bool
        /// "and 3 more", when the limit cut the list.
        package let againstMore: String?
    }

    package struct DimensionLegend: MustacheView {
        package let id: String
        package let label: String
    }

    package struct IndicatorLegend: MustacheView {
        package let id: String
        package let label: String
        package let dimension: String
        package let description: String?
        /// `good from 75.0, needs attention from 50.0`.
        package let thresholds: String
    }

    package struct DataIssuesView: MustacheView {
        package let rejected: Int
        package let hasRejected: Bool
        package let byReason: [ReasonCount]
        package let first: [RejectedRowView]
    }

    package struct ReasonCount: MustacheView {
        package let reason: String
        package let count: Int
    }

    package struct RejectedRowView: MustacheView {
        package let file: String
        package let line: Int
        package let reason: String
    }
}
