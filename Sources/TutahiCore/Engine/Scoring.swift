import TutahiPluginAPI

/// Dimensions, overall, coverage and agency roll-ups from indicator results (README, "Configuration reference").
public enum Scoring {
    /// How close two scores must be to count as equal (a status threshold, a percentile tie).
    static let tolerance = Thresholds.tolerance

    /// The weighted mean of the non-null scores; nil when there are none.
    static func weightedMean(_ items: [(score: Double?, weight: Double)]) -> Double? {
        var total = 0.0, weights = 0.0
        for item in items {
            guard let score = item.score else { continue }
            total += score * item.weight
            weights += item.weight
        }
        return weights > 0 ? total / weights : nil
    }

    /// Applies `min_n` and thresholds to a plugin's observation.
    static func result(
        of observation: Observation?, for indicator: IndicatorConfiguration
    ) -> IndicatorResult {
        guard let observation else {
            return IndicatorResult(id: indicator.id, value: nil, score: nil, n: 0, status: .noData)
        }
        let n = observation.n
        var status: Status?
        switch indicator.smallSamplePolicy {
        case .suppress:
            if n == 0 { status = .noData } else if n < indicator.minimumCount { status = .suppressed }
        case .noData:
            if n < indicator.minimumCount { status = .noData }
        }
        if observation.score == nil { status = status ?? .noData }
        if let status {
            var result = IndicatorResult(
                id: indicator.id, value: nil, score: nil, n: n, status: status, detail: observation.detail)
            // Evidence of answers from few people would reveal what suppression hides.
            if indicator.smallSamplePolicy == .noData { result.evidence = observation.evidence }
            return result
        }
        var result = IndicatorResult(
            id: indicator.id, value: observation.value, score: observation.score, n: n,
            status: indicator.thresholds.status(of: observation.score),
            detail: observation.detail + observation.detailWhenScored)
        result.evidence = observation.evidence
        result.reading = indicator.instance.reading(of: observation)
        return result
    }

    /// ``result(of:for:)``, for tests of the status rules.
    public static func resultForTesting(_ observation: Observation?, _ indicator: IndicatorConfiguration)
        -> IndicatorResult
    {
        result(of: observation, for: indicator)
    }

    /// Each indicator's dimension (by position in the configuration's dimensions) and weight, by id.
    static func places(in configuration: Configuration) -> [String: (dimension: Int, weight: Double)] {
        var places: [String: (dimension: Int, weight: Double)] = [:]
        for indicator in configuration.indicators {
            if let dimension = configuration.dimensions.firstIndex(where: { $0.id == indicator.dimension }) {
                places[indicator.id] = (dimension, indicator.weight)
            }
        }
        return places
    }

    /// A relationship's dimensions, overall and coverage from its indicator results; `places` is
    /// ``places(in:)`` of `configuration`.
    static func relationship(
        agency: Party, partner: Party, results: [IndicatorResult], configuration: Configuration,
        places: [String: (dimension: Int, weight: Double)]
    ) -> RelationshipScore {
        // Each dimension's weighted mean of its indicators' non-null scores, summed in result order.
        var sums = [(total: Double, weights: Double)](repeating: (0, 0), count: configuration.dimensions.count)
        // By position, so that each result is read where it is rather than copied out.
        var scored = 0
        for index in results.indices {
            guard let score = results[index].score else { continue }
            scored += 1
            guard let place = places[results[index].id] else { continue }
            sums[place.dimension].total += score * place.weight
            sums[place.dimension].weights += place.weight
        }
        let dimensions = zip(configuration.dimensions, sums).map { dimension, sum in
            let score = sum.weights > 0 ? sum.total / sum.weights : nil
            return (id: dimension.id, result: ScoredStatus(score: score, status: dimension.thresholds.status(of: score)))
        }
        let overall = weightedMean(zip(configuration.dimensions, dimensions).map { ($1.result.score, $0.weight) })
        let coverage = results.isEmpty ? nil : Double(scored) / Double(results.count)
        return RelationshipScore(
            agency: agency, partner: partner,
            overall: ScoredStatus(score: overall, status: configuration.thresholds.status(of: overall)),
            coverage: coverage, dimensions: dimensions, indicators: results)
    }

    /// One roll-up per agency with at least one relationship, sorted by agency id.
    static func agencies(_ relationships: [RelationshipScore], thresholds: Thresholds) -> [AgencySummary] {
        // Each agency's relationships by position, so that grouping them copies no score.
        var positions: [String: [Int]] = [:]
        for index in relationships.indices { positions[relationships[index].agency.id, default: []].append(index) }
        return positions.keys.sorted().compactMap { id in
            guard let group = positions[id], let first = group.first else { return nil }
            let scores = group.compactMap { relationships[$0].overall.score }
            let score = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
            let count = { (status: Status) in group.filter { relationships[$0].overall.status == status }.count }
            return AgencySummary(
                agency: relationships[first].agency, relationships: group.count, scored: scores.count, score: score,
                status: thresholds.status(of: score), green: count(.green), amber: count(.amber), red: count(.red))
        }.withPercentiles()
    }
}

extension [AgencySummary] {
    /// Each agency's place among the agencies with a score: 100 × (B + E/2) / (N − 1), B the
    /// others lower by more than 1e-9, E the others within 1e-9, N the agencies with a score;
    /// nil for an agency without a score or when fewer than two have one.
    func withPercentiles() -> [AgencySummary] {
        let scores = compactMap(\.score)
        guard scores.count >= 2 else { return map { var summary = $0; summary.percentile = nil; return summary } }
        return map { summary in
            var summary = summary
            guard let score = summary.score else { return summary }
            let lower = scores.filter { $0 < score - Scoring.tolerance }.count
            let equal = scores.filter { abs($0 - score) <= Scoring.tolerance }.count - 1
            summary.percentile = 100 * (Double(lower) + Double(equal) / 2) / Double(scores.count - 1)
            return summary
        }
    }
}
