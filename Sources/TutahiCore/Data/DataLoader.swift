import Foundation
import TutahiPluginAPI

/// Loads every data file a configuration names, in config order.
public struct DataLoader: Sendable {
    /// The configuration whose data to load.
    public var configuration: Configuration

    /// Threads parsing each interaction CSV file; the data loaded is the same for any number.
    public var workers: Int

    /// Bytes read at a time from a CSV file (tests make it tiny so records cross blocks).
    var blockSize = CSVBlocks().blockSize

    /// Distinct values past which an attribute column is kept as text (tests make it tiny).
    var textColumnThreshold: Int?

    /// Creates a loader for `configuration`, parsing on `workers` threads (by default one per core).
    public init(configuration: Configuration, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.configuration = configuration
        self.workers = max(1, workers)
    }

    /// Loads parties, surveys and interactions. Rejected rows are counted; a missing file,
    /// missing columns or a bad parties file throw. `timed` hears how long each part took:
    /// `parties`, `surveys`, `interactions` (reading and checking rows) and `table` (repeated ids,
    /// references and the order by relationship).
    public func load(
        progress: (String) -> Void = { _ in }, timed: (_ part: String, _ seconds: Double) -> Void = { _, _ in }
    ) throws(DataLoadError) -> Dataset {
        // Each part's time, told in this order at the end (the survey responses are made last,
        // so that they do not sit beside the interactions while the table is built).
        var parts: [(part: String, seconds: Double)] = ["parties", "surveys", "interactions", "table"].map { ($0, 0) }
        var lapStart = Instant.now
        func lap(_ part: String) {
            let now = Instant.now
            if let index = parts.firstIndex(where: { $0.part == part }) {
                parts[index].seconds += Double(now.nanoseconds - lapStart.nanoseconds) / 1e9
            }
            lapStart = now
        }
        let data = configuration.data
        progress("reading \(data.parties)")
        let parties = try PartiesLoader(path: configuration.resolve(data.parties), displayName: data.parties).load()
        lap("parties")
        var rejections = RejectionLog()
        var surveys = SurveyCollector(parties: parties, zone: configuration.zone)
        for source in data.surveys {
            progress("reading \(source.path)")
            try SurveyFileLoader(
                source: source, path: configuration.resolve(source.path), blocks: CSVBlocks(blockSize: blockSize, workers: workers))
                .load(into: &surveys, rejections: &rejections)
        }
        lap("surveys")
        var interactions = InteractionCollector(parties: parties, zone: configuration.zone)
        if let textColumnThreshold { interactions.builder.textColumnThreshold = textColumnThreshold }
        for (index, file) in data.interactions.enumerated() {
            progress("reading \(file)")
            try InteractionFileLoader(
                displayName: file, path: configuration.resolve(file), index: index, workers: workers, blockSize: blockSize)
                .load(into: &interactions)
        }
        lap("interactions")
        progress("indexing interactions")
        let table = interactions.finish(files: data.interactions, workers: workers, into: &rejections)
        lap("table")
        let responses = surveys.responses(workers: workers)
        lap("surveys")
        for (part, seconds) in parts { timed(part, seconds) }
        return Dataset(
            parties: parties, responses: responses, interactions: table,
            rejections: rejections)
    }
}
