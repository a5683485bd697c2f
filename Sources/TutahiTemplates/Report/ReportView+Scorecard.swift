import TutahiPluginAPI

extension ReportView {
    /// The view of `scorecard`: statuses in words, suppressed results without numbers. Without
    /// `cards` the relationships are counted but get no card each (`groups` is empty).
    package init(_ scorecard: Scorecard, title: String, evidenceLimit: Int = 5, cards: Bool = true) {
        let dimensionLabels = Dictionary(
            scorecard.dimensions.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let indicatorInfo = Dictionary(
            scorecard.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.title = title
        asOf = scorecard.zone.format(scorecard.asOf)
        asOfDate = ReportFormat.longDate(scorecard.asOf, in: scorecard.zone)
        timezone = scorecard.zone.identifier
        relationshipCount = scorecard.relationships.count
        statusCounts = [Status.green, .amber, .red, .noData].map { status in
            StatusCount(
                status: ReportFormat.status(status),
                count: scorecard.relationships.count { $0.overall.status == status })
        }
        agencies = scorecard.agencies.map { summary in
            AgencyView(
                id: summary.agency.id, name: summary.agency.name, anchor: ReportFormat.anchor(summary.agency.id),
                relationships: summary.relationships, scored: summary.scored, score: ReportFormat.score(summary.score),
                status: ReportFormat.status(summary.status), green: summary.green, amber: summary.amber,
                red: summary.red, percentile: ReportFormat.ordinal(summary.percentile))
        }
        let names = Dictionary(
            scorecard.relationships.flatMap { [($0.agency.id, $0.agency.name), ($0.partner.id, $0.partner.name)] },
            uniquingKeysWith: { first, _ in first })
        let ordered = Self.mostSevereFirst(scorecard.alerts)
        let views = ordered.map { alert in
            AlertView(
                severity: alert.severity.rawValue, state: alert.state.rawValue,
                agency: names[alert.agency] ?? alert.agency, partner: names[alert.partner] ?? alert.partner,
                message: alert.message)
        }
        alertCounts = AlertRecord.Severity.allCases.reversed().compactMap { severity in
            let those = scorecard.alerts.filter { $0.severity == severity }
            guard !those.isEmpty else { return nil }
            return AlertCount(
                severity: severity.rawValue, firing: those.count { $0.state == .firing },
                pending: those.count { $0.state == .pending }, resolved: those.count { $0.state == .resolved })
        }
        criticalAlerts = views.filter { $0.severity == AlertRecord.Severity.critical.rawValue }
        hasCriticalAlerts = !criticalAlerts.isEmpty
        hasAlerts = !views.isEmpty
        var alertsByRelationship: [RelationshipKey: [AlertView]] = [:]
        for (record, view) in zip(ordered, views) {
            alertsByRelationship[RelationshipKey(agency: record.agency, partner: record.partner), default: []].append(view)
        }
        var groups: [AgencyGroup] = []
        for relationship in scorecard.relationships where cards {
            let view = Self.relationship(
                relationship, alerts: alertsByRelationship[relationship.key] ?? [],
                trend: scorecard.trends[relationship.key] ?? [], zone: scorecard.zone,
                dimensionLabels: dimensionLabels, indicatorInfo: indicatorInfo,
                moves: scorecard.contributions[relationship.key] ?? [],
                since: scorecard.previousRun.map { ReportFormat.longDate($0.adding(seconds: -1), in: scorecard.zone) },
                evidenceLimit: evidenceLimit)
            if groups.last?.id != relationship.agency.id {
                groups.append(AgencyGroup(
                    id: relationship.agency.id, name: relationship.agency.name,
                    anchor: ReportFormat.anchor(relationship.agency.id), relationships: []))
            }
            groups[groups.count - 1].relationships.append(view)
        }
        self.groups = groups
        dimensions = scorecard.dimensions.map { DimensionLegend(id: $0.id, label: $0.label) }
        indicators = scorecard.indicators.map {
            IndicatorLegend(
                id: $0.id, label: $0.label, dimension: dimensionLabels[$0.dimension] ?? $0.dimension,
                description: $0.description, thresholds: ReportFormat.thresholds($0.thresholds))
        }
        let issues = scorecard.dataIssues
        dataIssues = DataIssuesView(
            rejected: issues.rejected, hasRejected: issues.rejected > 0,
            byReason: issues.byReason.map { ReasonCount(reason: $0.reason.rawValue, count: $0.count) },
            first: issues.first.map { RejectedRowView(file: $0.file, line: $0.line, reason: $0.reason.rawValue) })
        hasTrends = scorecard.trends.values.contains { $0.count > 1 }
    }

    /// Most severe first; then firing, pending, resolved; then the scorecard's order.
    package static func mostSevereFirst(_ alerts: [AlertRecord]) -> [AlertRecord] {
        let stateRank: [AlertRecord.State: Int] = [.firing: 0, .pending: 1, .resolved: 2]
        return alerts.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let rankA = stateRank[a.element.state] ?? 3, rankB = stateRank[b.element.state] ?? 3
            return rankA != rankB ? rankA < rankB : a.offset < b.offset
        }.map(\.element)
    }

    private static func relationship(
        _ relationship: RelationshipScore, alerts: [AlertView], trend: [TrendPoint], zone: Zone, dimensionLabels: [String: String],
        indicatorInfo: [String: IndicatorInfo], moves contributions: [Contribution], since: String?, evidenceLimit: Int
    ) -> RelationshipView {
        let moves = Self.moves(contributions, indicatorInfo: indicatorInfo)
        let chart = trend.count > 1 ? TrendChart(points: trend, zone: zone) : nil
        let anchor = ReportFormat.anchor(relationship.agency.id + "--" + relationship.partner.id)
        let sides = relationship.indicators.compactMap { Self.sides($0, info: indicatorInfo[$0.id]) }
        return RelationshipView(
            anchor: anchor, agency: relationship.agency.name, partner: relationship.partner.name, partnerID: relationship.partner.id,
            partnerKind: relationship.partner.kind.replacingOccurrences(of: "_", with: " "),
            score: ReportFormat.score(relationship.overall.score), status: ReportFormat.status(relationship.overall.status),
            coverage: relationship.coverage.map { ReportFormat.percent($0) } ?? "–",
            trend: chart?.svg, trendText: chart?.summary, alerts: alerts, hasAlerts: !alerts.isEmpty,
            dimensions: relationship.dimensions.map {
                DimensionView(
                    label: dimensionLabels[$0.id] ?? $0.id, score: ReportFormat.score($0.result.score),
                    status: ReportFormat.status($0.result.status))
            },
            indicators: relationship.indicators.map {
                Self.indicator($0, info: indicatorInfo[$0.id], dimensionLabels: dimensionLabels, evidenceLimit: evidenceLimit)
            }, sides: sides, hasSides: !sides.isEmpty, moves: moves, hasMoves: !moves.isEmpty,
            movesSince: moves.isEmpty ? nil : since)
    }

    /// A result below this many items is marked as resting on thin evidence.
    static let thinEvidence = 5

    private static func indicator(
        _ result: IndicatorResult, info: IndicatorInfo?, dimensionLabels: [String: String], evidenceLimit: Int
    ) -> IndicatorView {
        let dimension = info.map { dimensionLabels[$0.dimension] ?? $0.dimension } ?? ""
        let label = info?.label ?? result.id
        let thresholds = ReportFormat.thresholds(info?.thresholds)
        switch result.status {
        case .suppressed, .error:
            // Never a number for a small group: not its value, score, count or evidence.
            let note = result.status == .suppressed
                ? "fewer than \(info?.minimumCount ?? 0) responses" : "could not be computed (see the log)"
            return IndicatorView(
                label: label, dimension: dimension, value: "", score: "", n: "", status: ReportFormat.status(result.status),
                note: note, thresholds: thresholds, thin: nil, against: [], hasAgainst: false, againstMore: nil)
        default:
            let adverse = result.status == .green ? [] : EvidenceSummary.adverseItems(result.evidence)
            let shown = adverse.prefix(evidenceLimit).map { EvidenceSummary.describe($0) }
            let thin = result.score != nil && result.n < thinEvidence
                ? "thin evidence: rests on \(result.n) item\(result.n == 1 ? "" : "s")" : nil
            return IndicatorView(
                label: label, dimension: dimension, value: result.reading ?? ReportFormat.value(result.value),
                score: ReportFormat.score(result.score), n: "\(result.n)", status: ReportFormat.status(result.status),
                note: nil, thresholds: thresholds, thin: thin, against: shown, hasAgainst: !shown.isEmpty,
                againstMore: adverse.count > shown.count ? "and \(adverse.count - shown.count) more" : nil)
        }
    }

    /// The three contributions that changed most (by at least 0.05 points), largest first.
    private static func moves(_ contributions: [Contribution], indicatorInfo: [String: IndicatorInfo]) -> [MoveView] {
        contributions.compactMap { contribution -> (Double, MoveView)? in
            guard let change = contribution.change, abs(change) >= 0.05 else { return nil }
            let then = ReportFormat.score(contribution.previous?.score), now = ReportFormat.score(contribution.score)
            return (abs(change), MoveView(
                label: indicatorInfo[contribution.indicator]?.label ?? contribution.indicator,
                points: (change > 0 ? "+" : "") + ReportFormat.oneDecimal(change), scores: "\(then) → \(now)"))
        }.sorted { $0.0 > $1.0 }.prefix(3).map(\.1)
    }

    /// The two sides of a scored result whose detail holds both means (`perception_gap`, or any
    /// plugin that reports `agency_mean` and `partner_mean`); nil otherwise, and always for a
    /// suppressed result.
    private static func sides(_ result: IndicatorResult, info: IndicatorInfo?) -> SidesView? {
        guard result.score != nil, result.status != .suppressed else { return nil }
        let detail = Dictionary(result.detail, uniquingKeysWith: { first, _ in first })
        guard case .number(let agency) = detail["agency_mean"], case .number(let partner) = detail["partner_mean"]
        else { return nil }
        let gap = agency - partner
        let reading: String
        switch gap {
        case 0.05...: reading = "the agency sees it more warmly"
        case ..<(-0.05): reading = "the partner sees it more warmly"
        default: reading = "both sides see it alike"
        }
        let scale = info?.answerScale
        return SidesView(
            label: info?.label ?? result.id, agency: ReportFormat.oneDecimal(agency),
            partner: ReportFormat.oneDecimal(partner), gap: (gap > 0 ? "+" : "") + ReportFormat.oneDecimal(gap),
            reading: reading, scale: scale.map { "on a \($0.lowerBound)–\($0.upperBound) scale" } ?? "",
            chart: scale.map { PairedChart(agencyMean: agency, partnerMean: partner, scale: $0).svg })
    }
}
