import TutahiPluginAPI

/// Checks a plugin keeps the promises the engine relies on.
public enum PluginConformance {
    /// Two measurements of the same relationship that differ.
    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        /// The relationship.
        public var relationship: RelationshipKey
        /// How the two measurements were made, and what differs.
        public var difference: String

        /// `agency/partner: difference`.
        public var description: String { "\(relationship): \(difference)" }
    }

    /// Checks that `plugin` measures every relationship the same whether it is given all of them
    /// at once, each on its own, or the list cut into `slices` parts measured concurrently, as the
    /// engine does with `--workers`. Value, score, n, detail and evidence must all agree exactly.
    ///
    /// Throws the first ``Mismatch`` found, or the plugin's own error.
    public static func checkSerialAndParallelAgree<Plugin: IndicatorPlugin>(
        _ plugin: Plugin, on relationships: [RelationshipEvidence], context: MeasurementContext, slices: Int = 4
    ) async throws {
        let whole = try await plugin.measure(relationships, context: context)
        guard whole.count == relationships.count else {
            throw Mismatch(
                relationship: relationships.first?.key ?? RelationshipKey(agency: "", partner: ""),
                difference: "gave \(whole.count) results for \(relationships.count) relationships")
        }
        var alone: [Observation?] = []
        for relationship in relationships {
            alone += try await plugin.measure([relationship], context: context)
        }
        let size = max(1, (relationships.count + max(1, slices) - 1) / max(1, slices))
        let parts = stride(from: 0, to: relationships.count, by: size).map {
            Array(relationships[$0..<min($0 + size, relationships.count)])
        }
        let sliced = try await withThrowingTaskGroup(of: (Int, [Observation?]).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, try await plugin.measure(part, context: context)) }
            }
            var results = [[Observation?]](repeating: [], count: parts.count)
            for try await (index, part) in group { results[index] = part }
            return results.flatMap { $0 }
        }
        for (index, relationship) in relationships.enumerated() {
            let reference = Fingerprint(whole[index])
            if let difference = reference.difference(from: Fingerprint(alone.indices.contains(index) ? alone[index] : nil)) {
                throw Mismatch(relationship: relationship.key, difference: "all at once against alone: \(difference)")
            }
            if let difference = reference.difference(from: Fingerprint(sliced.indices.contains(index) ? sliced[index] : nil)) {
                throw Mismatch(relationship: relationship.key, difference: "all at once against in \(parts.count) slices: \(difference)")
            }
        }
    }
}

/// What of an observation must not depend on how the work was divided.
private struct Fingerprint: Equatable {
    var value: Double?
    var score: Double?
    var n: Int?
    var detail: JSONValue
    var evidence: JSONValue?

    init(_ observation: Observation?) {
        value = observation?.value
        score = observation?.score
        n = observation?.n
        detail = .object((observation?.detail ?? []) + (observation?.detailWhenScored ?? []))
        evidence = observation?.evidence
    }

    /// The first field that differs, in words, or nil.
    func difference(from other: Fingerprint) -> String? {
        if value?.bitPattern != other.value?.bitPattern { return "value \(describe(value)) against \(describe(other.value))" }
        if score?.bitPattern != other.score?.bitPattern { return "score \(describe(score)) against \(describe(other.score))" }
        if n != other.n { return "n \(n.map(String.init) ?? "none") against \(other.n.map(String.init) ?? "none")" }
        if detail != other.detail { return "detail differs" }
        if evidence != other.evidence { return "evidence differs" }
        return nil
    }

    private func describe(_ number: Double?) -> String { number.map { "\($0)" } ?? "none" }
}
