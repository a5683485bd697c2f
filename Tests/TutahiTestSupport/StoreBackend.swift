import Foundation
import Logging
import TutahiBuiltins
import TutahiCore
import TutahiStore

/// The two kinds of store, for tests that must hold for both.
package enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// An SQLite file in the test's folder.
    case sqlite
    /// A new database in the throwaway PostgreSQL cluster `scripts/test` starts.
    case postgres

    package var description: String { rawValue }

    /// A `store:` line for a new, empty store, and the environment the config needs for it (the
    /// PostgreSQL password, as `${TUTAHI_TEST_PASSWORD}`).
    package func freshStore(on cluster: TestPostgres? = nil) throws -> (yaml: String, environment: [String: String]) {
        switch self {
        case .sqlite:
            return ("store: state/tutahi.sqlite", [:])
        case .postgres:
            let server = try cluster ?? TestPostgres.shared()
            let database = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try server.createDatabase(database)
            return (
                "store: \"postgresql://tutahi:${TUTAHI_TEST_PASSWORD}@127.0.0.1:\(server.port)/\(database)?sslmode=disable\"",
                ["TUTAHI_TEST_PASSWORD": server.password]
            )
        }
    }
}

/// The PostgreSQL cluster `scripts/test` started for this test run (`scripts/postgres-cluster`).
package struct TestPostgres: Sendable {
    package struct Missing: Error, CustomStringConvertible {
        package var description: String {
            "the PostgreSQL tests need the throwaway cluster scripts/test starts (TUTAHI_TEST_POSTGRES_CLUSTER is not set)"
        }
    }

    /// The cluster's folder.
    package let cluster: String
    /// Its loopback port.
    package let port: Int
    /// The password of its `tutahi` user.
    package let password: String

    /// A cluster of the test's own, for a test that stops and starts its server (so no other test
    /// sees it go); `remove()` it when done.
    package static func privateCluster() throws -> TestPostgres {
        let cluster = NSTemporaryDirectory() + "tutahi-postgres-" + UUID().uuidString
        let output = try CLI.runProgram([CLI.root + "/scripts/postgres-cluster", "start", cluster])
        guard output.status == 0 else {
            throw ReferenceScript.Failure(description: "postgres-cluster start failed (scripts/test installs postgresql): \(output.stderr)")
        }
        return try TestPostgres.at(cluster)
    }

    /// Stops a private cluster and deletes it.
    package func remove() { _ = try? CLI.runProgram([CLI.root + "/scripts/postgres-cluster", "remove", cluster]) }

    /// The cluster of this test run.
    package static func shared() throws -> TestPostgres {
        guard let cluster = ProcessInfo.processInfo.environment["TUTAHI_TEST_POSTGRES_CLUSTER"] else { throw Missing() }
        return try TestPostgres.at(cluster)
    }

    private static func at(_ cluster: String) throws -> TestPostgres {
        let port = Int((try String(contentsOfFile: cluster + "/port", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let password = (try String(contentsOfFile: cluster + "/password", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        return TestPostgres(cluster: cluster, port: port, password: password)
    }

    /// Runs `scripts/postgres-cluster COMMAND CLUSTER ARGUMENTS`; throws its error output on failure.
    package func control(_ command: String, _ arguments: [String] = []) throws {
        let output = try CLI.runProgram([CLI.root + "/scripts/postgres-cluster", command, cluster] + arguments)
        guard output.status == 0 else {
            throw ReferenceScript.Failure(description: "postgres-cluster \(command) failed: \(output.stderr)")
        }
    }

    /// A new, empty database.
    package func createDatabase(_ name: String) throws { try control("createdb", [name]) }
    /// Stops the server as a crash would (`immediate`) or politely (`fast`).
    package func stop(_ mode: String = "immediate") throws { try control("stop", [mode]) }
    /// Starts the stopped server again, on the same port.
    package func resume() throws { try control("resume") }
}

/// A world with a store of either kind: hui between msd and com-1 on 5 January and 5 March 2026.
package struct StoredWorld: Sendable {
    package let world: World
    /// What the config's `${VAR}`s need.
    package let environment: [String: String]

    package init(backend: StoreBackend = .sqlite, outputPath: String = "out/scorecard.json", monitor: String? = nil) throws {
        try self.init(
            backend: backend, monitor: monitor,
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                alerts:
                  - {id: quiet, when: contact < 50, for: 2, repeat: 14d, severity: warning,
                     message: "{partner_name}: contact {contact}"}
                outputs: [{type: json, path: \(outputPath)}]
                """,
            interactions: """
                h1,hui,msd,com-1,2026-01-05,,,,
                h2,hui,msd,com-1,2026-03-05,,,,
                h3,hui,msd,com-1,2026-03-06,,,,

                """)
    }

    /// A world of `config` (everything but the store) and `interactions`, with a new store of `backend`.
    package init(
        backend: StoreBackend, cluster: TestPostgres? = nil, monitor: String? = nil, config: String, interactions: String
    ) throws {
        let store = try backend.freshStore(on: cluster)
        environment = store.environment
        world = World(config: store.yaml + "\n" + (monitor.map { "monitor: \($0)\n" } ?? "") + config, interactions: interactions)
    }

    /// A world whose config is `other`'s with another monitor: the same store, data and rules.
    package init(sharing other: StoredWorld, monitor: String) throws {
        environment = other.environment
        world = World(config: "", interactions: "")
        let text = try String(contentsOfFile: other.world.scratch.path + "/tutahi.yaml", encoding: .utf8)
        let events = try String(contentsOfFile: other.world.scratch.path + "/events.csv", encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("monitor:") }.map(String.init)
        lines.insert("monitor: \(monitor)", at: 0)
        // An SQLite store is a file: point at the other world's.
        world.scratch.write("tutahi.yaml", lines.joined(separator: "\n").replacingOccurrences(
            of: "store: state/tutahi.sqlite", with: "store: \(other.world.scratch.path)/state/tutahi.sqlite"))
        world.scratch.write("events.csv", events)
    }

    package var config: String { world.scratch.path + "/tutahi.yaml" }

    package func configuration() throws -> Configuration {
        try ConfigurationLoader(registry: .builtin, environment: environment).load(path: config)
    }

    /// Runs one check as of `asOf`, recording it in the store.
    package func run(asOf: String) async throws -> Evaluation {
        let configuration = try configuration()
        guard let location = configuration.store, let instant = AsOf.parse(asOf, in: configuration.zone) else {
            throw ReferenceScript.Failure(description: "no store, or a bad as-of")
        }
        let opened = try await OpenedStore.forWriting(location, monitor: configuration.monitor, logger: Logger(label: "test"))
        return try await opened.using { store in
            try await Check(configuration: configuration, logger: Logger(label: "test")).run(asOf: instant, memory: store)
        }
    }

    /// Reads the store (without a lock) and closes it after `body`.
    package func reading<T: Sendable>(_ body: (any MonitorStore) async throws -> T) async throws -> T {
        let configuration = try configuration()
        guard let location = configuration.store,
            let opened = try await OpenedStore.forReading(location, monitor: configuration.monitor, logger: Logger(label: "test"))
        else { throw ReferenceScript.Failure(description: "nothing recorded yet") }
        return try await opened.using(body)
    }
}
