import TutahiPluginAPI

/// What a live view shows of one recorded run: the scorecard with names, readings and trends (no
/// evidence), and for each relationship its evidence and what moved its score.
///
/// A check records one when the config has `http:`; `serve` reads the last one back, so its pages
/// never wait for, or half-show, a check in progress.
public struct RunSnapshot: Sendable {
    /// The scorecard, without evidence or contributions, with each relationship's trend.
    public var scorecard: Scorecard
    /// Each relationship in full, in the scorecard's order.
    public var relationships: [RelationshipSnapshot]

    /// The snapshot of `scorecard` as the presentation outputs saw it (trends, contributions and
    /// evidence filled in), each evidence list cut to `evidenceLimit` entries; `previousOverall`
    /// holds each relationship's overall score at ``Scorecard/previousRun``.
    public init(presenting scorecard: Scorecard, previousOverall: [RelationshipKey: Double], evidenceLimit: Int) {
        var summary = scorecard
        summary.contributions = [:]
        relationships = scorecard.relationships.map { relationship in
            var full = relationship
            for index in full.indicators.indices {
                full.indicators[index].evidence = full.indicators[index].evidence.map {
                    Explanation.limited($0, to: evidenceLimit)
                }
            }
            let contributions = scorecard.contributions[relationship.key] ?? []
            let compared = scorecard.previousRun != nil && contributions.contains { $0.previous != nil }
            return RelationshipSnapshot(
                score: full, previousOverall: compared ? previousOverall[relationship.key] : nil,
                contributions: contributions, comparedTo: compared ? scorecard.previousRun : nil)
        }
        for index in summary.relationships.indices {
            for indicator in summary.relationships[index].indicators.indices {
                summary.relationships[index].indicators[indicator].evidence = nil
            }
        }
        self.scorecard = summary
    }

    /// A snapshot read back from the store.
    public init(scorecard: Scorecard, relationships: [RelationshipSnapshot]) {
        self.scorecard = scorecard
        self.relationships = relationships
    }
}

/// One relationship as its page shows it: its scores with evidence, and each indicator's share of
/// the overall score, compared with the previous run when there was one.
public struct RelationshipSnapshot: Sendable {
    /// The relationship's scores, evidence included.
    public var score: RelationshipScore
    /// The overall score at the previous run, when compared and scored then.
    public var previousOverall: Double?
    /// Each indicator's part in the overall score, in config order.
    public var contributions: [Contribution]
    /// The previous run's as-of, when the contributions are compared with it.
    public var comparedTo: Instant?

    /// Creates a relationship's snapshot.
    public init(score: RelationshipScore, previousOverall: Double?, contributions: [Contribution], comparedTo: Instant?) {
        self.score = score
        self.previousOverall = previousOverall
        self.contributions = contributions
        self.comparedTo = comparedTo
    }

    /// The `tutahi.explain/1` document of this relationship alone, as `tutahi explain` writes it
    /// (evidence lists already cut when the snapshot was taken).
    public func explanation(asOf: Instant, zone: Zone) -> Explanation {
        Explanation(
            asOf: asOf, comparedTo: comparedTo, zone: zone,
            relationships: [RelationshipExplanation(score: score, previousOverall: previousOverall, contributions: contributions)])
    }
}

extension RunSnapshot {
    /// The stored form of the scorecard part (JSON, UTF-8).
    public var scorecardBytes: [UInt8] { SnapshotJSON.encode(scorecard).serializedBytes() }

    /// The stored form of each relationship (JSON, UTF-8), in the scorecard's order.
    public var relationshipBytes: [(key: RelationshipKey, bytes: [UInt8])] {
        relationships.map { ($0.score.key, SnapshotJSON.encode($0).serializedBytes()) }
    }

    /// The scorecard part read back from its stored form.
    public static func scorecard(from bytes: [UInt8]) throws(SnapshotError) -> Scorecard {
        do {
            return try SnapshotJSON.decodeScorecard(JSONValue.parse(bytes))
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError(description: "the stored snapshot is not JSON: \(error)")
        }
    }
}

extension RelationshipSnapshot {
    /// A relationship read back from its stored form.
    public init(bytes: [UInt8]) throws(SnapshotError) {
        do {
            self = try SnapshotJSON.decodeRelationship(JSONValue.parse(bytes))
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError(description: "the stored relationship is not JSON: \(error)")
        }
    }
}
