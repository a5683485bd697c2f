import Foundation
import Logging
import TutahiPluginAPI
import TutahiColumns
import TutahiSupport

/// One whole check: load the data, compute the scorecard, write every output.
public struct Check: Sendable {
    /// Why a check could not run (exit status 1).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, in one line.
        public var description: String
    }

    /// How many runs a trend chart shows, this one included.
    public static let trendLength = 12

    /// The configuration.
    public var configuration: Configuration
    /// The logger.
    public var logger: Logger
    /// Threads for loading and scoring; the results are the same for any number.
    public var workers: Int

    /// Creates a check on `workers` threads (by default one per core).
    public init(configuration: Configuration, logger: Logger, workers: Int? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Every notification output's messages for this run's changes and due reminders.
    private func compose(
        _ evaluation: Evaluation, startedAt: Instant
    ) throws(Failure) -> [(output: String, message: OutgoingMessage)] {
        guard !evaluation.alerts.notifications.isEmpty else { return [] }
        let runKey = String(SHA256.hexDigest(
            of: Array("\(configuration.digest) \(evaluation.scorecard.asOf.nanoseconds) \(startedAt.nanoseconds)".utf8)
        ).prefix(20))
        var outbox: [(output: String, message: OutgoingMessage)] = []
        for (position, output) in configuration.outputs.enumerated() {
            guard let notifier = output.notifier else { continue }
            // Each output's messages get keys of their own (two email outputs whose senders share a
            // domain must not share a Message-ID).
            let digest = AlertDigest(evaluation, recipients: configuration.recipients, runKey: "\(runKey)-\(position + 1)")
            do {
                outbox += try notifier.messages(for: digest).map { (output.key, $0) }
            } catch {
                throw Failure(description: "output `\(output.type)` could not compose its messages: \(error)")
            }
        }
        return outbox
    }

    /// Loads the data; a missing file, missing columns or a bad parties file fail before any output is touched.
    /// `timed` hears how long each part of loading took (see ``DataLoader/load(progress:timed:)``).
    public func loadData(
        progress: (String) -> Void = { _ in }, timed: (_ part: String, _ seconds: Double) -> Void = { _, _ in }
    ) throws(Failure) -> Dataset {
        do {
            let dataset = try DataLoader(configuration: configuration, workers: workers).load(progress: progress, timed: timed)
            logger.info("data loaded", metadata: [
                "parties": "\(dataset.parties.count)", "responses": "\(dataset.responses.count)",
                "interactions": "\(dataset.interactions.count)", "rejected": "\(dataset.rejections.total)",
            ])
            for row in dataset.rejections.rows.prefix(20) {
                logger.debug("row rejected", metadata: [
                    "file": "\(row.file)", "line": "\(row.line)", "reason": "\(row.reason.rawValue)",
                    "field": "\(row.field ?? "-")",
                ])
            }
            return dataset
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Runs the check at `asOf`, writes every configured output and, with a `memory` (the store),
    /// advances alert state from the last run and records this one.
    ///
    /// The run is recorded only after every output is written, in one transaction: a check that
    /// fails or is killed part way leaves the store as it was.
    /// `timed` hears how long each phase took: `load`, `compute`, `outputs`, and with a store
    /// `record` and `deliver`; before `load`, the parts of loading as `load/PART`.
    ///
    /// Every file output is written to a private temporary file first and renamed into place only
    /// when all of them, and the store's record, have succeeded: a failed run leaves every output
    /// as it was. A `dryRun` writes the outputs from what the store remembers but records nothing
    /// and sends nothing. A run whose as-of is earlier than the latest recorded one is refused
    /// (history only moves forward), unless it is a dry run.
    public func run(
        asOf: Instant, memory: (any CheckMemory)? = nil, dryRun: Bool = false, progress: (String) -> Void = { _ in },
        warn: (String) -> Void = { _ in }, timed: (_ phase: String, _ seconds: Double) -> Void = { _, _ in }
    ) async throws(Failure) -> Evaluation {
        let startedAt = Instant.now
        var phaseStart = startedAt
        func lap(_ phase: String) {
            let now = Instant.now
            timed(phase, Double(now.nanoseconds - phaseStart.nanoseconds) / 1e9)
            phaseStart = now
        }
        let previous: [AlertState]
        do {
            if !dryRun, let latest = try await memory?.latestAsOf(), asOf < latest {
                throw Failure(description: """
                    as-of \(configuration.zone.format(asOf)) is earlier than the latest run recorded in the store \
                    (\(configuration.zone.format(latest))); history only moves forward. To see an earlier date \
                    without recording it or sending anything, add --dry-run
                    """)
            }
            previous = try await memory?.alertStates() ?? []
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
        let dataset = try loadData(progress: progress) { part, seconds in timed("load/" + part, seconds) }
        lap("load")
        if let span = dataset.span, asOf <= span.lowerBound || asOf > span.upperBound.adding(seconds: 366 * 86_400) {
            warn("as-of \(configuration.zone.format(asOf)) is outside the data, which runs from "
                + "\(configuration.zone.format(span.lowerBound)) to \(configuration.zone.format(span.upperBound))")
        }
        progress("computing")
        // The live view (`http:`) records each run's evidence and contributions for its pages.
        let keepsSnapshot = memory != nil && configuration.dashboard != nil
        let wantsEvidence = keepsSnapshot || configuration.outputs.contains { $0.sink?.wantsEvidence == true }
        let engine = Engine(configuration: configuration, dataset: dataset, logger: logger, maximumConcurrency: workers)
        var trends: [RelationshipKey: [TrendPoint]] = [:]
        if let memory {
            do {
                trends = try await memory.trends(before: asOf, runs: Self.trendLength - 1)
            } catch {
                throw Failure(description: "\(error)")
            }
        }
        let previousRun = memory == nil ? nil : trends.values.compactMap { $0.last?.asOf }.max()
        // What moved each score since the last recorded run is replayed from the data, beside the
        // check itself (a slow exec plugin then runs twice at once, not one after the other).
        let replayAt = wantsEvidence ? previousRun : nil
        // (A task rather than `async let`, which would hold the engine until this function returns.)
        let replay = replayAt.map { replayAt in
            Task { await engine.score(engine.relationships(at: asOf), at: replayAt) }
        }
        let evaluation = await engine.evaluate(at: asOf, previousAlerts: previous, evidence: wantsEvidence)
        let then = await withTaskCancellationHandler {
            await replay?.value ?? []
        } onCancel: {
            replay?.cancel()
        }
        var scorecard = evaluation.scorecard
        var previousOverall: [RelationshipKey: Double] = [:]
        if memory != nil {
            scorecard.trends = trends
            for relationship in scorecard.relationships {
                scorecard.trends[relationship.key, default: []]
                    .append(TrendPoint(asOf: asOf, score: relationship.overall.score))
            }
            if let previousRun = replayAt {
                scorecard.previousRun = previousRun
                let byKey = Dictionary(then.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
                let contributions = Contributions(configuration: configuration)
                for relationship in scorecard.relationships {
                    let earlier = byKey[relationship.key] ?? relationship.unscored
                    scorecard.contributions[relationship.key] = contributions.of(relationship, previous: earlier)
                    if let score = earlier.overall.score { previousOverall[relationship.key] = score }
                }
            } else if keepsSnapshot {
                let contributions = Contributions(configuration: configuration)
                for relationship in scorecard.relationships {
                    scorecard.contributions[relationship.key] = contributions.of(relationship, previous: nil)
                }
            }
        }
        lap("compute")
        let staged: StagedFiles
        do {
            progress("writing outputs")
            let presented = scorecard
            staged = try await AtomicFile.staged {
                // Every output is written at once (each to its own staged file); if any fails, the
                // first in the config's order is the one reported, and none is committed.
                let failures = await withTaskGroup(of: (index: Int, type: String, error: (any Error)?).self) { group in
                    for (index, output) in configuration.outputs.enumerated() {
                        guard let sink = output.sink else { continue }
                        group.addTask {
                            do {
                                try await sink.write(presented)
                                return (index, output.type, nil)
                            } catch {
                                return (index, output.type, error)
                            }
                        }
                    }
                    var failures: [(index: Int, type: String, error: any Error)] = []
                    for await result in group {
                        if let error = result.error { failures.append((result.index, result.type, error)) }
                    }
                    return failures.sorted { $0.index < $1.index }
                }
                if let first = failures.first {
                    throw Failure(description: "output `\(first.type)` failed: \(first.error)")
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
        lap("outputs")
        // What is left works from the evaluation: the data is freed beside it (or not at all, when
        // the process ends first), rather than before this returns.
        BackgroundRelease.release((consume engine, consume dataset))
        guard let memory, !dryRun else {
            try commit(staged)
            return evaluation
        }
        do throws(Failure) {
            let outbox = try compose(evaluation, startedAt: startedAt)
            progress("recording the run")
            let finished = FinishedRun(
                asOf: asOf, startedAt: startedAt, finishedAt: Instant.now, configDigest: configuration.digest,
                evaluation: evaluation, outbox: outbox,
                snapshot: keepsSnapshot ? RunSnapshot(
                    presenting: scorecard, previousOverall: previousOverall,
                    evidenceLimit: configuration.dashboard?.evidenceLimit ?? DashboardConfiguration.defaultEvidenceLimit) : nil)
            do {
                try await memory.record(finished)
            } catch {
                throw Failure(description: "\(error)")
            }
            lap("record")
        } catch {
            staged.discard()
            throw error
        }
        try commit(staged)
        if !configuration.notifiers.isEmpty {
            progress("delivering notifications")
            _ = await OutboxCourier(memory: memory, notifiers: configuration.notifiers, logger: logger).deliverDue()
            lap("deliver")
        }
        return evaluation
    }

    private func commit(_ staged: StagedFiles) throws(Failure) {
        do {
            try staged.commit()
        } catch {
            throw Failure(description: "\(error)")
        }
    }
}
