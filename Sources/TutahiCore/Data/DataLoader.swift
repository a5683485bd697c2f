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
    /// references and the order by relationship). Survey files are read while interaction files
    /// are, so those two parts overlap.
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
        // Survey files are read on a thread of their own while the interaction files are read:
        // neither needs the other, and surveys alone leave the cores idle part of the time.
        let surveysRead = SurveysRead()
        let surveyFiles = data.surveys.map { ($0, configuration.resolve($0.path)) }
        let zone = configuration.zone, blocks = CSVBlocks(blockSize: blockSize, workers: workers)
        progress("reading " + (data.surveys.map(\.path) + data.interactions).joined(separator: ", "))
        Thread.detachNewThread {
            let start = Instant.now
            surveysRead.result = Result { () throws(DataLoadError) in
                var surveys = SurveyCollector(parties: parties, zone: zone)
                var rejections = RejectionLog()
                for (source, path) in surveyFiles {
                    try SurveyFileLoader(source: source, path: path, blocks: blocks)
                        .load(into: &surveys, rejections: &rejections)
                }
                return (surveys, rejections)
            }
            surveysRead.seconds = Double(Instant.now.nanoseconds - start.nanoseconds) / 1e9
            surveysRead.done.signal()
        }
        var interactions = InteractionCollector(parties: parties, zone: configuration.zone)
        if let textColumnThreshold { interactions.builder.textColumnThreshold = textColumnThreshold }
        let interactionFailure: DataLoadError?
        do throws(DataLoadError) {
            for (index, file) in data.interactions.enumerated() {
                try InteractionFileLoader(
                    displayName: file, path: configuration.resolve(file), index: index, workers: workers,
                    blockSize: blockSize
                ).load(into: &interactions)
            }
            interactionFailure = nil
        } catch {
            interactionFailure = error
        }
        lap("interactions")
        surveysRead.done.wait()
        parts[1].seconds = surveysRead.seconds
        // A bad survey file is reported first, as the files come in the configuration.
        let surveys: SurveyCollector
        var rejections: RejectionLog
        switch surveysRead.result {
        case .success(let read)?: (surveys, rejections) = read
        case .failure(let error)?: throw error
        case nil:  // never: the result is set before `done` is signalled
            throw DataLoadError(file: data.parties, message: "the survey files were not read")
        }
        if let interactionFailure { throw interactionFailure }
        progress("indexing interactions")
        let table = interactions.finish(files: data.interactions, workers: workers, into: &rejections)
        lap("table")
        let responses = surveys.responses(workers: workers)
        parts[1].seconds += Double(Instant.now.nanoseconds - lapStart.nanoseconds) / 1e9
        for (part, seconds) in parts { timed(part, seconds) }
        return Dataset(
            parties: parties, responses: responses, interactions: table,
            rejections: rejections)
    }
}

/// What the thread reading survey files hands back.
private final class SurveysRead: @unchecked Sendable {
    /// Set once, before `done` is signalled.
    var result: Result<(SurveyCollector, RejectionLog), DataLoadError>?
    var seconds = 0.0
    let done = DispatchSemaphore(value: 0)
}
