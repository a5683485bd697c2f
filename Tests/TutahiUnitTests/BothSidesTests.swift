import Foundation
import Testing
import TutahiTestSupport
import TutahiPluginAPI
@testable import TutahiCore

@Suite("Both sides of a relationship")
struct BothSidesTests {
    static let surveys = BothSidesSample.surveys
    static let config = BothSidesSample.config

    func detail(_ result: IndicatorResult?) -> [String: JSONValue] {
        Dictionary(result?.detail ?? [], uniquingKeysWith: { first, _ in first })
    }

    @Test("each side is scored apart; the gap is the agency's mean minus the partner's, reverse items on both sides")
    func gap() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys).check(asOf: "2026-03-31")
        let relationship = try #require(card.relationship("msd", "iwi-1"))
        // Partner: (4 + (6−2)) / 2 = 4 and (3 + 3) / 2 = 3, mean 3.5. Agency: (5 + 5) / 2, (4 + 5) / 2,
        // (5 + 4) / 2 = 5, 4.5, 4.5, mean 14/3.
        let partner = try #require(relationship.indicator("partner_view"))
        #expect(partner.value == 3.5 && partner.n == 2)
        let agency = try #require(relationship.indicator("agency_view"))
        #expect(abs((agency.value ?? 0) - 14.0 / 3) < 1e-12 && agency.n == 3)
        let gap = try #require(relationship.indicator("gap"))
        #expect(gap.n == 2)
        #expect(abs((gap.value ?? 0) - (14.0 / 3 - 3.5)) < 1e-12)
        // 100 (1 − 1.1666… / 4) = 70.833…
        #expect(abs((gap.score ?? 0) - 100 * (1 - (14.0 / 3 - 3.5) / 4)) < 1e-9)
        #expect(detail(gap) == [
            "agency_n": .int(3), "partner_n": .int(2), "agency_mean": .number(14.0 / 3), "partner_mean": .number(3.5),
        ])
    }

    @Test("the smaller side sets n: one partner respondent beside three agency ones is suppressed, means hidden")
    func smallerSide() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys).check(asOf: "2026-03-31")
        let gap = try #require(card.relationship("msd", "com-1")?.indicator("gap"))
        #expect(gap.status == .suppressed && gap.n == 1 && gap.value == nil && gap.score == nil)
        #expect(detail(gap) == ["agency_n": .int(3), "partner_n": .int(1)])
        // Only the agency answered about com-2: no data, and the relationship exists through those rows.
        let none = try #require(card.relationship("msd", "com-2")?.indicator("gap"))
        #expect(none.status == .noData && none.n == 0)
        #expect(detail(none) == ["agency_n": .int(2), "partner_n": .int(0)])
        #expect(card.relationship("msd", "com-2")?.indicator("partner_view")?.status == .noData)
    }

    static func summary(_ id: String, _ score: Double?) -> AgencySummary {
        AgencySummary(
            agency: party(id, "agency"), relationships: 1, scored: score == nil ? 0 : 1, score: score, status: .noData,
            green: 0, amber: 0, red: 0)
    }

    @Test("percentile: lowest 0, highest 100, ties share, scoreless agencies and a lone agency get none")
    func percentiles() {
        let ranked = [
            Self.summary("a", 40), Self.summary("b", 60), Self.summary("c", 60 + 1e-12), Self.summary("d", 80),
            Self.summary("e", nil),
        ].withPercentiles().map(\.percentile)
        // N = 4: a has none below (0); b and c have one below and one tie: (1 + 0.5) / 3; d has three below.
        #expect(ranked == [0, 50, 50, 100, nil])
        #expect([Self.summary("a", 40), Self.summary("e", nil)].withPercentiles().map(\.percentile) == [nil, nil])
        #expect([Self.summary("a", 55), Self.summary("b", 55)].withPercentiles().map(\.percentile) == [50, 50])
    }
}
