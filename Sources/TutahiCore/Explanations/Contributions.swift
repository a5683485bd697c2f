import TutahiPluginAPI

/// Each indicator's share of a relationship's overall score, from the weights in the configuration.
struct Contributions {
    let configuration: Configuration
    /// The configured indicators by id, looked up for every relationship.
    private let indicators: [String: IndicatorConfiguration]

    init(configuration: Configuration) {
        self.configuration = configuration
        indicators = Dictionary(configuration.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The contributions of `relationship`'s indicators, in config order; with `previous` (the same
    /// relationship scored at an earlier as-of), what each was then.
    func of(_ relationship: RelationshipScore, previous: RelationshipScore?) -> [Contribution] {
        let now = sharesAndPoints(relationship)
        let then = previous.map(sharesAndPoints)
        return relationship.indicators.compactMap { result in
            guard let indicator = indicators[result.id] else { return nil }
            let (share, points) = now[result.id] ?? (0, 0)
            var contribution = Contribution(
                indicator: result.id, dimension: indicator.dimension, score: result.score, share: share, points: points)
            if let previous, let then {
                contribution.previous = Contribution.Previous(
                    score: previous.indicators.first { $0.id == result.id }?.score, points: then[result.id]?.points ?? 0)
            }
            return contribution
        }
    }

    /// share = (w_d / W) · (w_i / W_d) and points = share · score for every indicator with a score,
    /// where W_d sums the weights of the dimension's scored indicators and W those of the scored
    /// dimensions; nothing when the overall score is null.
    private func sharesAndPoints(_ relationship: RelationshipScore) -> [String: (share: Double, points: Double)] {
        guard relationship.overall.score != nil else { return [:] }
        var indicatorWeight: [String: Double] = [:]
        for result in relationship.indicators where result.score != nil {
            guard let indicator = indicators[result.id] else { continue }
            indicatorWeight[indicator.dimension, default: 0] += indicator.weight
        }
        let scoredDimensions = configuration.dimensions.filter { indicatorWeight[$0.id] != nil }
        let total = scoredDimensions.reduce(0) { $0 + $1.weight }
        let dimensionWeight = Dictionary(scoredDimensions.map { ($0.id, $0.weight) }, uniquingKeysWith: { a, _ in a })
        var shares: [String: (share: Double, points: Double)] = [:]
        for result in relationship.indicators {
            guard let score = result.score, let indicator = indicators[result.id],
                let weight = dimensionWeight[indicator.dimension], let within = indicatorWeight[indicator.dimension]
            else { continue }
            let share = weight / total * (indicator.weight / within)
            shares[result.id] = (share, share * score)
        }
        return shares
    }
}
