import Foundation
import TutahiCore
import TutahiPluginTesting
import TutahiPluginAPI
import ExecIndicator
import TutahiBuiltins
import TutahiSupport

/// The parsers that read what users and their programs write, each a function of raw bytes that
/// must never crash, hang or run out of memory whatever the bytes: the targets `scripts/fuzz`
/// runs under libFuzzer, and `swift test` replays the committed corpus of `Fuzz/Corpus/` through.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A configuration file: YAML, the core schema, every key's checks.
    case config
    /// An interactions CSV file, through the loader.
    case csv
    /// An interactions JSON Lines file, through the loader.
    case jsonl
    /// A timestamp as data files and `--as-of` write it.
    case timestamp
    /// A duration or working-day count.
    case duration
    /// An alert expression, parsed and evaluated.
    case expression
    /// A cron expression, parsed and asked for its next fire times.
    case cron
    /// An exec plugin's reply.
    case execReply = "exec-reply"

    /// Feeds `bytes` to the target.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .config: Self.config(bytes)
        case .csv: Self.loadInteractions(bytes, file: "events.csv")
        case .jsonl: Self.loadInteractions(bytes, file: "events.jsonl")
        case .timestamp:
            _ = bytes.withUnsafeBufferPointer { Timestamp.parse($0) }
            if let text = String(validating: bytes, as: UTF8.self) { _ = AsOf.parse(text, in: .auckland) }
        case .duration:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            _ = Period(text)
            if let allowance = TimeAllowance(text) {
                _ = try? allowance.deadline(after: Instant(seconds: 1_780_000_000), in: .auckland, calendar: .weekdays)
            }
        case .expression: Self.expression(bytes)
        case .cron:
            guard let text = String(validating: bytes, as: UTF8.self),
                let cron = try? CronExpression(parsing: text)
            else { return }
            var after = Instant(seconds: 1_780_000_000)
            for _ in 0..<3 {
                guard let next = cron.nextFire(after: after, in: .auckland) else { break }
                after = next
            }
        case .execReply:
            _ = try? ExecReply.measurements(from: bytes, for: [Self.relationship])
        }
    }

    /// A scratch directory for targets that read files, made once per process.
    private static let directory: String = {
        let path = NSTemporaryDirectory() + "tutahi-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: path + "/parties.csv", contents: Data("id,name,kind\nmsd,MSD,agency\niwi-1,Iwi,iwi\n".utf8))
        return path
    }()

    private static func config(_ bytes: [UInt8]) {
        _ = try? ConfigurationLoader(registry: .builtin, environment: ["TOKEN": "secret"])
            .load(contents: bytes, path: directory + "/tutahi.yaml")
    }

    private static func loadInteractions(_ bytes: [UInt8], file: String) {
        let path = directory + "/" + file
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        let yaml = "data: {parties: parties.csv, interactions: [\(file)]}\ndimensions: {d: {}}\nindicators: []\n"
        guard let configuration = try? ConfigurationLoader(registry: .builtin, environment: [:])
            .load(contents: Array(yaml.utf8), path: directory + "/tutahi.yaml")
        else { return }
        _ = try? DataLoader(configuration: configuration, workers: 2).load()
    }

    private static let relationship = RelationshipEvidence(
        agency: Party(id: "msd", name: "MSD", kind: "agency", tags: []),
        partner: Party(id: "iwi-1", name: "Iwi", kind: "iwi", tags: []))

    private static func expression(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let names: Set<String> = ["overall", "coverage", "trust", "contact"]
        guard var parser = try? ExpressionParser(
            text, names: names, indicatorIDs: ["contact"],
            origin: { SourceMark(file: "fuzz", line: 1, column: $0 + 1) }),
            let expression = try? parser.parseExpression()
        else { return }
        let score = RelationshipScore(
            agency: relationship.agency, partner: relationship.partner,
            overall: ScoredStatus(score: 50, status: .amber), coverage: 1,
            dimensions: [("trust", ScoredStatus(score: 40, status: .red))],
            indicators: [IndicatorResult(id: "contact", value: 2, score: 50, n: 2, status: .amber)])
        _ = ExpressionScope(current: score, earlier: [:]).evaluate(expression)
    }
}
