import Foundation

extension Scorecard {
    /// The `tutahi.scorecard/1` JSON object (its fields: docs/reference.md and the README).
    public var jsonValue: JSONValue {
        .object([
            ("schema", .string("tutahi.scorecard/1")),
            ("as_of", .string(zone.format(asOf))),
            ("timezone", .string(zone.identifier)),
            ("relationships", .array(relationships.map(\.jsonValue))),
            ("agencies", .array(agencies.map(\.jsonValue))),
            ("alerts", .array(alerts.map(\.jsonValue))),
            ("data_issues", dataIssues.jsonValue),
        ])
    }
}

extension Scorecard {
    /// The scorecard as UTF-8 JSON, pretty-printed with `indent` spaces per level: the same bytes as
    /// `jsonValue.serializedBytes(indent:)`, with the relationships (nearly all of a national
    /// scorecard) serialized on several threads at once.
    public func jsonBytes(indent: Int) async -> [UInt8] {
        var output: [UInt8] = []
        await writeJSON(indent: indent) { output += $0 }
        return output
    }

    /// Hands the bytes of ``jsonBytes(indent:)`` to `write` in order, a part at a time, as the
    /// relationships are serialized on several threads: a large scorecard is written while the rest
    /// of it is still being made, and is never held whole. An error from `write` stops it.
    public func writeJSON<Failure: Error>(
        indent: Int, to write: ([UInt8]) throws(Failure) -> Void
    ) async throws(Failure) {
        var head = self
        head.relationships = []
        let bytes = head.jsonValue.serializedBytes(indent: indent)
        let key = Array(("\"relationships\":" + (indent > 0 ? " " : "") + "[]").utf8)
        guard !relationships.isEmpty, let start = bytes.firstRange(of: key)?.lowerBound else {
            try write(bytes)
            return
        }
        try write(Array(bytes[..<start] + key.dropLast()))  // up to `"relationships": [`
        let relationships = self.relationships
        let sliceSize = 1_024
        let slices = stride(from: 0, to: relationships.count, by: sliceSize).map { $0..<min($0 + sliceSize, relationships.count) }
        let itemBreak = Self.lineBreak(indent: indent, level: 2)
        let failure: Failure? = await withTaskGroup(of: (Int, [UInt8]).self) { group in
            // A few slices at a time, one more as each is done: the parts are then written while
            // later ones are made, rather than all at the end with one thread left to write them.
            var started = 0
            func startSlice() {
                let (index, range) = (started, slices[started])
                started += 1
                group.addTask {
                    var part: [UInt8] = []
                    for position in range {
                        if position > 0 { part.append(UInt8(ascii: ",")) }
                        part += itemBreak
                        relationships[position].serialize(into: &part, indent: indent, level: 2)
                        if position == range.lowerBound {
                            // Room for the slice at the first relationship's size, so that the part
                            // is not copied as it grows.
                            part.reserveCapacity(part.count * range.count + part.count * range.count / 8)
                        }
                    }
                    return (index, part)
                }
            }
            let inFlight = ProcessInfo.processInfo.activeProcessorCount + 1
            while started < min(inFlight, slices.count) { startSlice() }
            // Parts come as they are done; each is written once those before it are.
            var waiting: [Int: [UInt8]] = [:]
            var next = 0
            for await (index, part) in group {
                if started < slices.count { startSlice() }
                waiting[index] = part
                while let ready = waiting.removeValue(forKey: next) {
                    do throws(Failure) {
                        try write(ready)
                    } catch {
                        group.cancelAll()
                        return error
                    }
                    next += 1
                }
            }
            return nil
        }
        if let failure { throw failure }
        try write(Self.lineBreak(indent: indent, level: 1) + [UInt8(ascii: "]")] + bytes[(start + key.count)...])
    }

    /// A line end and the indentation of `level`, or nothing when not pretty-printing.
    private static func lineBreak(indent: Int, level: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONBytes.newline(&bytes, indent: indent, level: level)
        return bytes
    }
}

extension RelationshipScore {
    /// The relationship's object in the scorecard.
    public var jsonValue: JSONValue {
        .object([
            ("agency", .string(agency.id)),
            ("partner", .string(partner.id)),
            ("overall", .object([
                ("score", .number(overall.score)), ("status", .string(overall.status.rawValue)),
                ("coverage", .number(coverage)),
            ])),
            ("dimensions", .object(dimensions.map { ($0.id, $0.result.jsonValue) })),
            ("indicators", .object(indicators.map { ($0.id, $0.jsonValue) })),
        ])
    }
}

extension RelationshipScore {
    /// Appends the bytes of `jsonValue.serialize(into:indent:level:)`, written as they go rather
    /// than from a value built first (the relationships are nearly all of a national scorecard).
    func serialize(into output: inout [UInt8], indent: Int, level: Int) {
        var fields = JSONFields(opening: &output, indent: indent, level: level)
        fields.key("agency", in: &output)
        JSONBytes.writeString(agency.id, to: &output)
        fields.key("partner", in: &output)
        JSONBytes.writeString(partner.id, to: &output)
        fields.key("overall", in: &output)
        overall.serialize(into: &output, indent: indent, level: level + 1, coverage: .some(coverage))
        fields.key("dimensions", in: &output)
        var dimensionFields = JSONFields(opening: &output, indent: indent, level: level + 1)
        // Through the arrays' memory, so that each element is read where it is rather than copied out.
        dimensions.withUnsafeBufferPointer { dimensions in
            for index in dimensions.indices {
                dimensionFields.key(dimensions[index].id, in: &output)
                dimensions[index].result.serialize(into: &output, indent: indent, level: level + 2)
            }
        }
        dimensionFields.close(&output)
        fields.key("indicators", in: &output)
        var indicatorFields = JSONFields(opening: &output, indent: indent, level: level + 1)
        indicators.withUnsafeBufferPointer { indicators in
            for index in indicators.indices {
                indicatorFields.key(indicators[index].id, in: &output)
                indicators[index].serialize(into: &output, indent: indent, level: level + 2)
            }
        }
        indicatorFields.close(&output)
        fields.close(&output)
    }
}

extension ScoredStatus {
    /// Appends the bytes of `jsonValue` (with a `coverage` field after them when given).
    fileprivate func serialize(into output: inout [UInt8], indent: Int, level: Int, coverage: Double?? = nil) {
        var fields = JSONFields(opening: &output, indent: indent, level: level)
        fields.key("score", in: &output)
        JSONBytes.writeNumber(score, to: &output)
        fields.key("status", in: &output)
        JSONBytes.writeString(status.rawValue, to: &output)
        if let coverage {
            fields.key("coverage", in: &output)
            JSONBytes.writeNumber(coverage, to: &output)
        }
        fields.close(&output)
    }
}

extension IndicatorResult {
    /// Appends the bytes of `jsonValue`.
    fileprivate func serialize(into output: inout [UInt8], indent: Int, level: Int) {
        var fields = JSONFields(opening: &output, indent: indent, level: level)
        fields.key("value", in: &output)
        JSONBytes.writeNumber(value, to: &output)
        fields.key("score", in: &output)
        JSONBytes.writeNumber(score, to: &output)
        fields.key("n", in: &output)
        JSONBytes.writeInteger(Int64(n), to: &output)
        fields.key("status", in: &output)
        JSONBytes.writeString(status.rawValue, to: &output)
        fields.key("detail", in: &output)
        JSONValue.object(detail).serialize(into: &output, indent: indent, level: level + 1)
        if let error {
            fields.key("error", in: &output)
            JSONBytes.writeString(error, to: &output)
        }
        fields.close(&output)
    }
}

extension ScoredStatus {
    /// `{"score": …, "status": …}`.
    public var jsonValue: JSONValue {
        .object([("score", .number(score)), ("status", .string(status.rawValue))])
    }
}

extension IndicatorResult {
    /// The indicator's object in a relationship.
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("value", .number(value)), ("score", .number(score)), ("n", .int(n)),
            ("status", .string(status.rawValue)), ("detail", .object(detail)),
        ]
        if let error { pairs.append(("error", .string(error))) }
        return .object(pairs)
    }
}

extension AgencySummary {
    /// The agency's roll-up object.
    public var jsonValue: JSONValue {
        .object([
            ("agency", .string(agency.id)), ("relationships", .int(relationships)), ("scored", .int(scored)),
            ("score", .number(score)), ("status", .string(status.rawValue)), ("green", .int(green)),
            ("amber", .int(amber)), ("red", .int(red)), ("percentile", .number(percentile)),
        ])
    }
}

extension AlertRecord {
    /// The alert's object.
    public var jsonValue: JSONValue {
        .object([
            ("rule", .string(rule)), ("severity", .string(severity.rawValue)), ("state", .string(state.rawValue)),
            ("agency", .string(agency)), ("partner", .string(partner)), ("message", .string(message)),
        ])
    }
}

extension DataIssues {
    /// The `data_issues` object.
    public var jsonValue: JSONValue {
        .object([
            ("rejected", .int(rejected)),
            ("by_reason", .object(byReason.map { ($0.reason.rawValue, .int($0.count)) })),
            ("first", .array(first.map { .object([
                ("file", .string($0.file)), ("line", .int($0.line)), ("reason", .string($0.reason.rawValue)),
            ]) })),
        ])
    }
}
