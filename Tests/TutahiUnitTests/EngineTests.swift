import Foundation
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI


@Suite("Engine")
struct EngineTests {
    static let config = """
        relationships:
          include: [{agency: tpk, partner: com-2}]
          exclude: [{agency: msd, partner: com-2}]
        dimensions:
          trust: {weight: 2}
          voice: {}
          tiriti: {}
        indicators:
          - {id: trust_q, plugin: survey_scale, dimension: trust, questions: [T1, T2], min_n: 2}
          - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, weight: 3}
          - {id: visits, plugin: engagement, dimension: voice, kinds: [hui], by: agency, target: 1,
             where: {channel: in person}}
          - {id: notice, plugin: advance_notice, dimension: tiriti, min_notice: 14d,
             applies_to: {partner_kinds: [iwi]}}
          - {id: codesign, plugin: ratio, dimension: tiriti, target: 0.5,
             numerator: {kind: decision, by: agency, where: {mode: co-design}},
             denominator: {kind: decision, by: agency}}
        """

    static let surveys = """
        s1,iwi-1,msd,T1,5,2026-01-10
        s1,iwi-1,msd,T2,4,2026-01-10
        s2,iwi-1,msd,T1,3,2026-02-10
        s2,iwi-1,msd,T2,3,2026-02-10
        s3,iwi-1,msd,T1,1,2026-04-01
        s4,com-1,msd,T1,4,2026-01-10

        """

    static let interactions = """
        h1,hui,msd,iwi-1,2026-03-01,,,,in person
        h2,hui,iwi-1,msd,2026-03-31T23:59:59+13:00,,,,online
        h3,hui,msd,iwi-1,2026-04-01T00:00:00+13:00,,,,in person
        c1,consultation,msd,iwi-1,2026-02-01,,,,
        d1,decision,msd,iwi-1,2026-02-20,c1,,co-design,
        d2,decision,msd,iwi-1,2026-02-10,c1,,informed,
        d3,decision,msd,iwi-1,2026-02-21,h1,,informed,
        d4,decision,iwi-1,msd,2026-02-21,c1,,co-design,
        c2,consultation,iwi-1,msd,2026-01-01,,,,
        d5,decision,msd,iwi-1,2026-03-01,c2,,informed,
        x1,meeting,msd,tpk,2026-01-01,,,,
        m1,hui,com-2,msd,2026-01-05,,,,

        """

    @Test("relationships: auto from data before as-of, include, exclude, never agency–agency")
    func relationships() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys, interactions: Self.interactions)
            .check(asOf: "2026-03-31")
        #expect(card.relationships.map { "\($0.agency.id)/\($0.partner.id)" } == ["msd/com-1", "msd/iwi-1", "tpk/com-2"])
    }

    @Test("indicators see nothing at or after as-of; engagement counts by side and attribute")
    func asOfAndEngagement() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys, interactions: Self.interactions)
            .check(asOf: "2026-03-31")
        let iwi = try #require(card.relationship("msd", "iwi-1"))
        // change(contact, 30d): on 2 March only h1 counted (score 50), now 100.
        // Hui h1 and h2 are before as-of (00:00 on 1 April); h3 is at as-of and does not exist.
        #expect(iwi.indicator("contact")?.n == 2)
        #expect(iwi.indicator("contact")?.score == 100)
        #expect(iwi.indicator("visits")?.n == 1)
        // s3 was submitted at as-of: two responses, scores 4.5 and 3 on 1–5 → value 3.75, score 68.75.
        let trust = try #require(iwi.indicator("trust_q"))
        #expect(trust.n == 2)
        #expect(trust.value == 3.75)
        #expect(trust.score == 68.75)
        #expect(trust.status == .amber)
        // No contact at all is a score of 0, not missing data.
        let quiet = try #require(card.relationship("tpk", "com-2")?.indicator("contact"))
        #expect(quiet.n == 0)
        #expect(quiet.score == 0)
        #expect(quiet.status == .red)
    }

    @Test("advance_notice and ratio classify the agency's decisions")
    func decisions() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys, interactions: Self.interactions)
            .check(asOf: "2026-03-31")
        let iwi = try #require(card.relationship("msd", "iwi-1"))
        // d1: 19 days after c1 (adequate); d2: 9 days (short); d3: ref is a hui (no consultation);
        // d5: ref is a consultation by the partner (no consultation); d4 is by the partner (not an item).
        let notice = try #require(iwi.indicator("notice"))
        #expect(notice.n == 4)
        #expect(notice.value == 0.25)
        #expect(notice.detail.map(\.0) == ["adequate", "short_notice", "no_consultation"])
        #expect(notice.detail.map(\.1) == [.int(1), .int(1), .int(2)])
        // One co-design decision of four by the agency: 0.25 against a target of 0.5 → 50.
        let codesign = try #require(iwi.indicator("codesign"))
        #expect(codesign.value == 0.25)
        #expect(codesign.score == 50)
        // applies_to: no `notice` for a community partner; a ratio with no decisions is no data.
        let community = try #require(card.relationship("msd", "com-1"))
        #expect(community.indicator("notice") == nil)
        #expect(community.indicator("codesign")?.status == .noData)
        #expect(community.indicator("trust_q")?.status == .suppressed)
        #expect(community.indicator("trust_q")?.value == nil)
    }

    @Test("dimensions, overall and coverage are the weighted means of what has a score")
    func scoring() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys, interactions: Self.interactions)
            .check(asOf: "2026-03-31")
        let iwi = try #require(card.relationship("msd", "iwi-1"))
        // voice = (3·100 + 1·100) / 4 = 100; tiriti = (25 + 50) / 2 = 37.5; trust = 68.75.
        #expect(iwi.dimension("voice")?.score == 100)
        #expect(iwi.dimension("tiriti")?.score == 37.5)
        #expect(iwi.dimension("tiriti")?.status == .red)
        // overall = (2·68.75 + 100 + 37.5) / 4 = 68.75.
        #expect(iwi.overall.score == 68.75)
        #expect(iwi.overall.status == .amber)
        #expect(iwi.coverage == 1)
        // com-1: trust suppressed, codesign no data, contact 0 and visits 0 → coverage 2/4.
        let community = try #require(card.relationship("msd", "com-1"))
        #expect(community.coverage == 0.5)
        #expect(community.dimension("trust")?.status == .noData)
        #expect(community.overall.score == 0)
        let msd = try #require(card.agencies.first { $0.agency.id == "msd" })
        #expect(msd.relationships == 2)
        #expect(msd.scored == 2)
        #expect(msd.score == 34.375)
        #expect((msd.green, msd.amber, msd.red) == (0, 1, 1))
    }

    @Test("alerts: precedence, null propagation, change over a period, for, messages")
    func alerts() async throws {
        let config = Self.config + """

            alerts:
              - id: a_low
                when: not overall >= 50 or trust_q > 60 and -overall > -70
                severity: critical
                message: "{agency_name}/{partner}: {overall} ({coverage * 100}%)"
              - id: b_missing
                when: missing(trust_q) and n(trust_q) > 0
                severity: info
                message: "{n(trust_q)} responses; value {value(trust_q)}"
              - id: c_change
                when: change(contact, 30d) > 0
                for: 2
                message: "contact {change(contact, 30d)}"
              - id: d_null
                when: value(codesign) < 1 or value(codesign) >= 1
            """
        let card = try await World(config: config, surveys: Self.surveys, interactions: Self.interactions)
            .check(asOf: "2026-03-31")
        let alerts = card.alerts.map { "\($0.rule) \($0.agency)/\($0.partner) \($0.state.rawValue): \($0.message)" }
        #expect(alerts == [
            "a_low msd/com-1 firing: Ministry of Social Development/com-1: 0 (50%)",
            "a_low msd/iwi-1 firing: Ministry of Social Development/iwi-1: 68.8 (100%)",
            "a_low tpk/com-2 firing: Te Puni Kōkiri/com-2: 0 (50%)",
            "b_missing msd/com-1 firing: 1 responses; value n/a",
            "c_change msd/iwi-1 pending: contact 50",
            "d_null msd/iwi-1 firing: msd / iwi-1: value(codesign) < 1 or value(codesign) >= 1",
        ])
    }
}

@Suite("Engine: follow_through across pairs")
struct FollowThroughPairTests {
    @Test("a close for another pair does not close an opening; one for this pair does")
    func otherPair() async throws {
        let world = World(
            config: """
                dimensions: {responsiveness: {}}
                indicators:
                  - {id: replies, plugin: follow_through, dimension: responsiveness,
                     open: {kind: request}, close: {kind: response}, within: 5d}
                """,
            interactions: """
                q1,request,iwi-1,msd,2026-03-01,,,,
                r1,response,tpk,iwi-1,2026-03-02,q1,,,
                q2,request,com-1,msd,2026-03-01,,,,
                r2,response,msd,com-1,2026-03-03,q2,,,

                """)
        let card = try await world.check(asOf: "2026-03-31")
        #expect(card.relationship("msd", "iwi-1")?.indicator("replies")?.value == 0)
        #expect(card.relationship("msd", "com-1")?.indicator("replies")?.value == 1)
        #expect(card.relationship("tpk", "iwi-1")?.indicator("replies")?.n == 0)
        #expect(card.relationship("tpk", "iwi-1")?.indicator("replies")?.status == .noData)
    }
}

@Suite("Engine: parallel observation")
struct ParallelTests {
    @Test("measuring indicators in parallel gives the same scorecard as one at a time")
    func parallelEqualsSerial() async throws {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: CLI.root + "/config/tutahi.yaml")
        let dataset = try DataLoader(configuration: configuration).load()
        let asOf = try #require(AsOf.parse("2026-10-31", in: configuration.zone))
        let serial = await Engine(configuration: configuration, dataset: dataset, maximumConcurrency: 1).check(at: asOf)
        let parallel = await Engine(configuration: configuration, dataset: dataset, maximumConcurrency: 8).check(at: asOf)
        #expect(serial.relationships.count > 50)
        #expect(serial.jsonValue.serialized() == parallel.jsonValue.serialized())
    }
}
