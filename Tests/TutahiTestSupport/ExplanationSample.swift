import TutahiCore
import TutahiPluginAPI

/// Interactions exercising every built-in interaction plugin's evidence.
package enum ExplanationSample {
    package static let interactions = """
        q1,request,iwi-1,msd,2026-04-04T10:00:00+13:00,,,,
        a1,response,msd,iwi-1,2026-04-05T10:00:00+12:00,q1,,,
        q2,request,iwi-1,msd,2026-04-04T11:00:00+13:00,,,,
        a2,response,msd,iwi-1,2026-04-05T10:00:01+12:00,q2,,,
        q3,request,iwi-1,msd,2026-03-10T09:00:00+13:00,,,,
        k1,consultation,msd,iwi-1,2026-03-01T09:00:00+13:00,,,,
        x1,decision,msd,iwi-1,2026-03-05T09:00:00+13:00,k1,,co-design,
        x2,decision,msd,iwi-1,2026-03-02T09:00:00+13:00,k1,,informed,
        h1,hui,msd,iwi-1,2026-03-03T09:00:00+13:00,x1,,,
        x3,decision,msd,iwi-1,2026-03-06T09:00:00+13:00,h1,,,
        h0,hui,iwi-1,msd,2026-03-03T09:00:00+13:00,,,,

        """

    package static func evidence(_ card: Explanation, _ indicator: String) -> JSONValue? {
        card.relationships.first?.evidence.first { $0.indicator == indicator }?.evidence
    }
}
