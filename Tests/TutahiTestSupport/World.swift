import Foundation
import Testing
import TutahiBuiltins
import TutahiCore
import TutahiPluginAPI

/// A small world on disk: two agencies, three partners, a few surveys and interactions.
package struct World {
    package let scratch = Scratch()

    package init(config: String, surveys: String = "", interactions: String = "") {
        scratch.write("parties.csv", """
            id,name,kind,region,tags
            msd,Ministry of Social Development,agency,,
            tpk,Te Puni Kōkiri,agency,,
            iwi-1,Ngāti Hine,iwi,,tangata_whenua
            com-1,Community One,community,,
            com-2,Community Two,community,,

            """)
        scratch.write("surveys.csv", "response_id,respondent,about,question,value,submitted_at\n" + surveys)
        scratch.write("events.csv", "id,kind,from,to,at,ref,due,mode,channel\n" + interactions)
        scratch.write("tutahi.yaml", """
            data: {parties: parties.csv, surveys: [surveys.csv], interactions: [events.csv]}
            defaults: {thresholds: {green: 70, amber: 40}}
            \(config)
            """)
    }

    package func check(asOf: String) async throws -> Scorecard {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: scratch.path + "/tutahi.yaml")
        let dataset = try DataLoader(configuration: configuration).load()
        let instant = try #require(AsOf.parse(asOf, in: configuration.zone))
        return await Engine(configuration: configuration, dataset: dataset).check(at: instant)
    }
}

extension Scorecard {
    package func relationship(_ agency: String, _ partner: String) -> RelationshipScore? {
        relationships.first { $0.agency.id == agency && $0.partner.id == partner }
    }
}

extension RelationshipScore {
    package func indicator(_ id: String) -> IndicatorResult? { indicators.first { $0.id == id } }
    package func dimension(_ id: String) -> ScoredStatus? { dimensions.first { $0.id == id }?.result }
}
