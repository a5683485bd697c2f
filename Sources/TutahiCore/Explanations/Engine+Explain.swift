import TutahiPluginAPI

extension Engine {
    /// Explains `keys` (the relationships that exist at `asOf` when nil) at `asOf`: contributions,
    /// evidence, and with `comparedTo` what each indicator was then, recomputed from the data as
    /// `change()` does (no store needed).
    public func explain(_ keys: [RelationshipKey]? = nil, at asOf: Instant, comparedTo earlier: Instant? = nil) async
        -> Explanation
    {
        let keys = keys ?? relationships(at: asOf)
        let scores = await score(keys, at: asOf, evidence: true)
        var previous: [RelationshipKey: RelationshipScore] = [:]
        if let earlier {
            for score in await score(keys, at: earlier) { previous[score.key] = score }
        }
        let contributions = Contributions(configuration: configuration)
        return Explanation(
            asOf: asOf, comparedTo: earlier, zone: configuration.zone,
            relationships: scores.map { score in
                let before = earlier == nil ? nil : previous[score.key]
                return RelationshipExplanation(
                    score: score, previousOverall: before?.overall.score,
                    contributions: contributions.of(score, previous: earlier == nil ? nil : before ?? score.unscored))
            })
    }
}

extension RelationshipScore {
    /// The same relationship with no score at all: what it was before it had any data.
    var unscored: RelationshipScore {
        var copy = self
        copy.overall = ScoredStatus(score: nil, status: .noData)
        copy.indicators = indicators.map { IndicatorResult(id: $0.id, value: nil, score: nil, n: 0, status: .noData) }
        return copy
    }
}
