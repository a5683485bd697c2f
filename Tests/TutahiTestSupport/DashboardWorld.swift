import Foundation

/// A small monitor with a live view and three viewers, recorded twice (as of 1 and 10 March 2026):
/// msd and tpk each with two partners; iwi-1 (Ngāti Hine) works with both agencies.
package struct DashboardWorld: Sendable {
    /// The kinds of viewer a request may come from.
    package enum Asker: String, CaseIterable, Sendable, CustomStringConvertible {
        /// `scope: all`.
        case all
        /// `agencies: [msd]`.
        case agency
        /// `partners: [iwi-1]`.
        case partner
        /// No token at all.
        case none
        /// A token no viewer has.
        case wrong

        package var description: String { rawValue }
    }

    package static let relationships = [("msd", "iwi-1"), ("msd", "com-1"), ("tpk", "com-2"), ("tpk", "iwi-1")]
    package static let names = ["msd": "Ministry of Social Development", "tpk": "Te Puni Kōkiri", "iwi-1": "Ngāti Hine",
                                "com-1": "Community One", "com-2": "Community Two"]
    package static let tokens: [Asker: String] = [
        .all: "oversight-0123456789abcdef", .agency: "msd-team-0123456789abcdef", .partner: "ngati-hine-0123456789abcdef",
        .wrong: "nobody-knows-0123456789abcdef",
    ]

    package let world: World
    package let environment: [String: String]

    /// The world, recorded twice; `schedule` is when `serve` checks (by default not for a year).
    package init(schedule: String = "0 7 1 1 *", dataDays: Int = 1) throws {
        environment = [
            "T_ALL": Self.tokens[.all] ?? "", "T_MSD": Self.tokens[.agency] ?? "", "T_HINE": Self.tokens[.partner] ?? "",
        ]
        var events = """
            h1,hui,msd,iwi-1,2026-03-01,,,,
            h2,hui,msd,iwi-1,2026-03-02,,,,
            h3,hui,msd,com-1,2026-03-03,,,,
            h4,hui,tpk,com-2,2026-02-01,,,,
            h5,hui,tpk,iwi-1,2026-03-04,,,,
            r1,request,com-1,msd,2026-02-20,,,,
            r2,request,iwi-1,tpk,2026-02-21,,,,

            """
        // More rows make a check take longer (for a test that reads pages while one runs).
        for day in 0..<max(0, dataDays - 1) {
            for index in 0..<200 {
                events += "x\(day)-\(index),hui,msd,com-1,2025-\(day % 12 + 1 < 10 ? "0" : "")\(day % 12 + 1)-\(index % 28 + 1 < 10 ? "0" : "")\(index % 28 + 1),,,,\n"
            }
        }
        world = World(
            config: """
                store: state/tutahi.sqlite
                dimensions: {voice: {}, responsiveness: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                  - {id: replies, plugin: follow_through, dimension: responsiveness, open: {kind: request},
                     close: {kind: response}, within: 5d, window: 90d, min_n: 1}
                alerts:
                  - {id: quiet, when: contact < 50, severity: warning, message: "{partner_name}: contact {contact}"}
                outputs: [{type: json, path: out/scorecard.json}]
                schedules: [{id: checks, cron: "\(schedule)"}]
                http: {listen: "127.0.0.1:0"}
                viewers:
                  - {name: oversight, token: "${T_ALL}", scope: all}
                  - {name: msd-team, token: "${T_MSD}", agencies: [msd]}
                  - {name: ngati-hine, token: "${T_HINE}", partners: [iwi-1]}
                """,
            interactions: events)
        for asOf in ["2026-03-01", "2026-03-10"] {
            let output = try CLI.run(["run", "-c", config, "--as-of", asOf], environment: environment)
            guard output.status == 0 else { throw ReferenceScript.Failure(description: output.stderr) }
        }
    }

    package var config: String { world.scratch.path + "/tutahi.yaml" }

    /// The relationships `asker` may see.
    package static func visible(to asker: Asker) -> [(String, String)] {
        relationships.filter { agency, partner in
            switch asker {
            case .all: return true
            case .agency: return agency == "msd"
            case .partner: return partner == "iwi-1"
            case .none, .wrong: return false
            }
        }
    }

    /// The ids and names `asker` must never be shown: those of parties in no relationship it sees.
    package static func forbidden(to asker: Asker) -> [String] {
        let seen = Set(visible(to: asker).flatMap { [$0.0, $0.1] })
        return names.filter { !seen.contains($0.key) }.flatMap { [$0.key, $0.value] }
    }

    /// The `Authorization` header `asker` sends.
    package static func headers(for asker: Asker) -> [String: String] {
        tokens[asker].map { ["Authorization": "Bearer \($0)"] } ?? [:]
    }

    /// Starts `serve` and waits for its address.
    package func serve() throws -> (process: RunningProcess, url: String) {
        let process = try RunningProcess(["serve", "-c", config], environment: environment)
        var url = ""
        let listening = Wait.until {
            guard let line = process.stderr.split(separator: "\n").first(where: { $0.contains("dashboard listening") }),
                let range = line.range(of: "url=")
            else { return false }
            url = String(line[range.upperBound...].prefix { $0 != " " })
            return true
        }
        guard listening else {
            process.send(SIGKILL)
            throw ReferenceScript.Failure(description: "serve did not start its dashboard: \(process.stderr)")
        }
        return (process, url)
    }
}
