/// A world where both sides of a relationship answer the same survey.
package enum BothSidesSample {
    /// Partners' and agencies' answers on two items, T2 reverse-coded, on a 1–5 scale.
    package static let surveys = """
        P1,iwi-1,msd,T1,4,2026-03-01
        P1,iwi-1,msd,T2,2,2026-03-01
        P2,iwi-1,msd,T1,3,2026-03-02
        P2,iwi-1,msd,T2,3,2026-03-02
        A1,msd,iwi-1,T1,5,2026-03-03
        A1,msd,iwi-1,T2,1,2026-03-03
        A2,msd,iwi-1,T1,4,2026-03-04
        A2,msd,iwi-1,T2,1,2026-03-04
        A3,msd,iwi-1,T1,5,2026-03-05
        A3,msd,iwi-1,T2,2,2026-03-05
        Q1,com-1,msd,T1,2,2026-03-01
        B1,msd,com-1,T1,5,2026-03-03
        B2,msd,com-1,T1,5,2026-03-04
        B3,msd,com-1,T1,4,2026-03-05
        C1,msd,com-2,T1,4,2026-03-03
        C2,msd,com-2,T1,4,2026-03-04

        """

    package static let config = """
        dimensions: {trust: {}, mutuality: {}}
        indicators:
          - {id: partner_view, plugin: survey_scale, dimension: trust, questions: [T1, T2], reverse: [T2], min_n: 2}
          - {id: agency_view, plugin: survey_scale, dimension: mutuality, questions: [T1, T2], reverse: [T2],
             respondents: agency, min_n: 2}
          - {id: gap, plugin: perception_gap, dimension: mutuality, questions: [T1, T2], reverse: [T2], min_n: 2}
        """
}
