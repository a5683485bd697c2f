import Foundation
import TutahiColumns
import Logging
import TutahiPluginAPI

/// Computes a scorecard from a configuration and its data at an as-of instant.
///
/// Nothing at or after as-of is seen, so a check for a past date gives what it would have given then.
public struct Engine: Sendable {
    /// The configuration.
    public let configuration: Configuration
    /// The loaded data.
    public let dataset: Dataset
    /// How many indicators are measured at once.
    public let maximumConcurrency: Int
    private let index: EvidenceIndex
    private let logger: Logger

    /// Prepares an engine, indexing the data once per relationship. Indicators, and for plugins that
    /// measure each relationship on its own, slices of relationships, are measured in parallel, at
    /// most `maximumConcurrency` at a time (by default one per core); the results are the same as a
    /// serial run.
    public init(
        configuration: Configuration, dataset: Dataset, logger: Logger = Logger(label: "tutahi.engine"),
        maximumConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.configuration = configuration
        self.dataset = dataset
        self.maximumConcurrency = max(1, maximumConcurrency)
        self.index = EvidenceIndex(dataset, workers: self.maximumConcurrency)
        self.logger = logger
    }

    /// The relationships that exist at `asOf` (README, "Configuration reference": `relationships`), sorted by agency then partner.
    public func relationships(at asOf: Instant) -> [RelationshipKey] {
        let selection = configuration.relationships
        var keys = Set(selection.auto ? index.keysWithData(before: asOf) : [])
        for key in selection.include where index.evidence(for: key, before: asOf) != nil { keys.insert(key) }
        keys.subtract(selection.exclude)
        return keys.filter { key in
            guard let agency = dataset.parties[key.agency], let partner = dataset.parties[key.partner] else { return false }
            return agency.isAgency && !partner.isAgency
        }.sorted()
    }

    /// Scores `keys` at `asOf`: every indicator, dimension and overall score; with `evidence`, each
    /// result also carries the evidence behind it (plugins collect it only then).
    public func score(_ keys: [RelationshipKey], at asOf: Instant, evidence wantsEvidence: Bool = false) async
        -> [RelationshipScore]
    {
        // Each relationship's evidence is gathered on every core (nil for a key naming an unknown party).
        let found = [RelationshipEvidence?](unsafeUninitializedCapacity: keys.count) { buffer, initialized in
            let shared = UncheckedBox(buffer)
            Parallel.forEachRun(of: keys.count, size: 512, workers: maximumConcurrency) { run in
                for position in run {
                    shared.value.initializeElement(at: position, to: index.evidence(for: keys[position], before: asOf))
                }
            }
            initialized = keys.count
        }
        let evidence = found.compactMap { $0 }
        let indicators = configuration.indicators
        let work = measurementSlices(indicators, evidence)
        // Each relationship's result of each indicator has a slot: each plugin call puts its results
        // in theirs, and each relationship's are then moved out in indicator order, on every core.
        let perRelationship = indicators.count
        let slots = ResultSlots(count: evidence.count * perRelationship)
        var failed = [String?](repeating: nil, count: work.count)
        await withTaskGroup(of: (Int, String?).self) { group in
            var next = 0
            func start() {
                let position = next
                next += 1
                let slice = work[position]
                group.addTask {
                    let indicator = indicators[slice.indicator]
                    let context = MeasurementContext(
                        asOf: asOf, window: Window(ending: asOf, length: indicator.window, in: configuration.zone),
                        zone: configuration.zone, calendar: indicator.calendar, wantsEvidence: wantsEvidence)
                    let failure = await measure(
                        indicator, evidence, at: slice.positions, context: context,
                        into: slots, slot: { $0 * perRelationship + slice.indicator })
                    return (position, failure)
                }
            }
            while next < min(maximumConcurrency, work.count) { start() }
            for await (position, failure) in group {
                failed[position] = failure
                if next < work.count { start() }
            }
        }
        // An indicator that failed on one slice fails on all, so the result does not depend on how
        // the relationships were sliced among the workers.
        var failures: [Int: String] = [:]
        for (slice, failure) in zip(work, failed) where failures[slice.indicator] == nil {
            if let failure { failures[slice.indicator] = failure }
        }
        for slice in work {
            guard let failure = failures[slice.indicator] else { continue }
            for relationship in slice.positions {
                let slot = relationship * perRelationship + slice.indicator
                let id = slots.take(at: slot).id
                let failed = IndicatorResult(id: id, value: nil, score: nil, n: 0, status: .error, error: failure)
                slots.put(failed, at: slot)
            }
        }
        let places = Scoring.places(in: configuration)
        return [RelationshipScore](unsafeUninitializedCapacity: evidence.count) { buffer, initialized in
            let shared = UncheckedBox(buffer)
            Parallel.forEachRun(of: evidence.count, size: 1_024, workers: maximumConcurrency) { run in
                for position in run {
                    var results: [IndicatorResult] = []
                    results.reserveCapacity(perRelationship)
                    for slot in (position * perRelationship)..<((position + 1) * perRelationship)
                    where slots.isFilled(slot) {
                        results.append(slots.take(at: slot))
                    }
                    shared.value.initializeElement(at: position, to: Scoring.relationship(
                        agency: evidence[position].agency, partner: evidence[position].partner,
                        results: results, configuration: configuration, places: places))
                }
            }
            initialized = evidence.count
        }
    }

    /// One plugin call: an indicator and the relationships it measures (positions in the evidence).
    private struct MeasurementSlice {
        var indicator: Int
        var positions: ArraySlice<Int>
    }

    /// The plugin calls for `evidence`, in indicator order: one per indicator, or for plugins that
    /// measure each relationship on its own, a few per worker so that the cores share the work.
    private func measurementSlices(_ indicators: [IndicatorConfiguration], _ evidence: [RelationshipEvidence])
        -> [MeasurementSlice]
    {
        var slices: [MeasurementSlice] = []
        for (position, indicator) in indicators.enumerated() {
            let applicable = evidence.indices.filter { indicator.applies(to: evidence[$0].partner) }
            let independent = indicator.instance is any RelationshipIndicatorPlugin
            let size = independent ? max(256, applicable.count / (4 * maximumConcurrency) + 1) : max(1, applicable.count)
            for start in stride(from: 0, to: applicable.count, by: size) {
                slices.append(MeasurementSlice(
                    indicator: position, positions: applicable[start..<min(start + size, applicable.count)]))
            }
        }
        return slices
    }

    /// Puts `indicator`'s results for the relationships at `positions` of `evidence` in `slots` (at
    /// `slot(position)`); returns the error of the first result that is one.
    private func measure(
        _ indicator: IndicatorConfiguration, _ evidence: [RelationshipEvidence], at positions: ArraySlice<Int>,
        context: MeasurementContext, into slots: ResultSlots, slot: (Int) -> Int
    ) async -> String? {
        guard !positions.isEmpty else { return nil }
        do {
            let measurements: [Observation?]
            if let plugin = indicator.instance as? any RelationshipIndicatorPlugin {
                // One relationship at a time: each one's evidence is lent where it lies rather than
                // copied into a list of the slice's own.
                measurements = try positions.map { try plugin.measure(evidence[$0], context: context) }
            } else {
                measurements = try await indicator.instance.measure(positions.map { evidence[$0] }, context: context)
            }
            guard measurements.count == positions.count else {
                throw PluginFailure(
                    reason: "returned \(measurements.count) results for \(positions.count) relationships")
            }
            // The first result that is an error, with its reason (which may be none).
            var firstError: String??
            for (measurement, position) in zip(measurements, positions) {
                let result = Scoring.result(of: measurement, for: indicator)
                if firstError == nil, result.status == .error { firstError = .some(result.error) }
                slots.put(result, at: slot(position))
            }
            return firstError ?? nil
        } catch {
            logger.error("indicator failed", metadata: ["indicator": "\(indicator.id)", "reason": "\(error)"])
            for position in positions {
                slots.put(
                    IndicatorResult(id: indicator.id, value: nil, score: nil, n: 0, status: .error, error: "\(error)"),
                    at: slot(position))
            }
            return "\(error)"
        }
    }

    /// Runs one whole check at `asOf` without memory: every run is the first, so a rule with
    /// `for: 1` fires when it holds and one with a larger `for` is pending.
    public func check(at asOf: Instant) async -> Scorecard {
        await evaluate(at: asOf, previousAlerts: []).scorecard
    }

    /// Runs one whole check at `asOf`: relationships, scores, agencies, and alerts advanced from
    /// `previousAlerts` (the states a store kept from the last run).
    public func evaluate(at asOf: Instant, previousAlerts: [AlertState], evidence: Bool = false) async -> Evaluation {
        let keys = relationships(at: asOf)
        // The scores a `change()` in an alert compares with are computed beside the current ones.
        let periods = Array(Set(configuration.alerts.flatMap(\.changePeriods)))
        let (scores, earlier) = await withTaskGroup(of: (Period, [RelationshipScore]).self) { group in
            for period in periods {
                group.addTask { (period, await score(keys, at: period.subtracted(from: asOf, in: configuration.zone))) }
            }
            let scores = await score(keys, at: asOf, evidence: evidence)
            var earlier: [Period: [RelationshipKey: RelationshipScore]] = [:]
            for await (period, past) in group {
                earlier[period] = Dictionary(uniqueKeysWithValues: past.map { ($0.key, $0) })
            }
            return (scores, earlier)
        }
        let evaluator = AlertEvaluator(rules: configuration.alerts)
        let observed = evaluator.evaluate(scores, earlier: earlier)
        var transition = AlertLifecycle(rules: configuration.alerts, zone: configuration.zone)
            .advance(previousAlerts, observed: observed, at: asOf)
        // A resolved alert says what its values are now (the scores by key made only when one has).
        var current: [RelationshipKey: RelationshipScore]?
        transition.rewriteResolved { key in
            if current == nil {
                current = Dictionary(scores.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
            return current?[RelationshipKey(agency: key.agency, partner: key.partner)].flatMap {
                evaluator.message(for: key, relationship: $0, earlier: earlier)
            }
        }
        let scorecard = Scorecard(
            asOf: asOf, zone: configuration.zone, relationships: scores,
            agencies: Scoring.agencies(scores, thresholds: configuration.thresholds),
            alerts: transition.states.map(\.record),
            dataIssues: dataset.rejections.dataIssues,
            dimensions: configuration.dimensions.map { DimensionInfo(id: $0.id, label: $0.label) },
            indicators: configuration.indicators.map {
                IndicatorInfo(
                    id: $0.id, plugin: $0.plugin, dimension: $0.dimension, label: $0.label,
                    description: $0.description ?? $0.instance.defaultDescription, minimumCount: $0.minimumCount,
                    answerScale: $0.instance.answerScale, thresholds: $0.thresholds)
            })
        return Evaluation(scorecard: scorecard, alerts: transition)
    }
}

/// What one check produced: the scorecard, and the alert states and notifications behind its alerts.
public struct Evaluation: Sendable {
    /// The scorecard.
    public var scorecard: Scorecard
    /// Alert states after the run and what to tell people.
    public var alerts: AlertLifecycle.Transition
}

/// An indicator plugin broke its contract.
struct PluginFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
