import TutahiPluginAPI

/// Why a recorded snapshot could not be read back (a store written by another version, or damaged).
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, naming the field.
    public var description: String
}

/// The stored form of snapshots: JSON objects with every field the pages need, instants as
/// nanoseconds so they read back exactly. Internal to the store; the API's documents are
/// `tutahi.scorecard/1` and `tutahi.explain/1`.
enum SnapshotJSON {
    static let schema = "tutahi.snapshot/1"

    // MARK: Writing

    static func encode(_ scorecard: Scorecard) -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("as_of", .string(String(scorecard.asOf.nanoseconds))),
            ("timezone", .string(scorecard.zone.identifier)),
            ("previous_run", .string(scorecard.previousRun.map { String($0.nanoseconds) })),
            ("dimensions", .array(scorecard.dimensions.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) })),
            ("indicators", .array(scorecard.indicators.map(encode))),
            ("relationships", .array(scorecard.relationships.map { relationship in
                guard case .object(var pairs) = encode(relationship) else { return .null }
                pairs.append(("trend", .array((scorecard.trends[relationship.key] ?? []).map { point in
                    .array([.string(String(point.asOf.nanoseconds)), .number(point.score)])
                })))
                return .object(pairs)
            })),
            ("agencies", .array(scorecard.agencies.map { summary in
                guard case .object(var pairs) = summary.jsonValue else { return .null }
                pairs[0] = ("agency", encode(summary.agency))
                return .object(pairs)
            })),
            ("alerts", .array(scorecard.alerts.map(\.jsonValue))),
            ("data_issues", .object([
                ("rejected", .int(scorecard.dataIssues.rejected)),
                ("by_reason", .array(scorecard.dataIssues.byReason.map { .array([.string($0.reason.rawValue), .int($0.count)]) })),
                ("first", .array(scorecard.dataIssues.first.map { row in
                    .object([
                        ("file", .string(row.file)), ("line", .int(row.line)), ("reason", .string(row.reason.rawValue)),
                        ("field", .string(row.field)),
                    ])
                })),
            ])),
        ])
    }

    static func encode(_ snapshot: RelationshipSnapshot) -> JSONValue {
        guard case .object(var pairs) = encode(snapshot.score) else { return .null }
        pairs.append(("previous_overall", .number(snapshot.previousOverall)))
        pairs.append(("compared_to", .string(snapshot.comparedTo.map { String($0.nanoseconds) })))
        pairs.append(("contributions", .array(snapshot.contributions.map { contribution in
            .object([
                ("indicator", .string(contribution.indicator)), ("dimension", .string(contribution.dimension)),
                ("score", .number(contribution.score)), ("share", .number(contribution.share)),
                ("points", .number(contribution.points)),
                ("previous", contribution.previous.map { .object([("score", .number($0.score)), ("points", .number($0.points))]) } ?? .null),
            ])
        })))
        return .object(pairs)
    }

    private static func encode(_ party: Party) -> JSONValue {
        .object([
            ("id", .string(party.id)), ("name", .string(party.name)), ("kind", .string(party.kind)),
            ("region", .string(party.region)), ("tags", .array(party.tags.map { .string($0) })),
        ])
    }

    private static func encode(_ info: IndicatorInfo) -> JSONValue {
        .object([
            ("id", .string(info.id)), ("plugin", .string(info.plugin)), ("dimension", .string(info.dimension)),
            ("label", .string(info.label)), ("description", .string(info.description)), ("min_n", .int(info.minimumCount)),
            ("scale", info.answerScale.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null),
            ("thresholds", info.thresholds.map { .object([("green", .number($0.green)), ("amber", .number($0.amber))]) } ?? .null),
        ])
    }

    private static func encode(_ relationship: RelationshipScore) -> JSONValue {
        .object([
            ("agency", encode(relationship.agency)),
            ("partner", encode(relationship.partner)),
            ("overall", relationship.overall.jsonValue),
            ("coverage", .number(relationship.coverage)),
            ("dimensions", .array(relationship.dimensions.map { .array([.string($0.id), $0.result.jsonValue]) })),
            ("indicators", .array(relationship.indicators.map { result in
                .object([
                    ("id", .string(result.id)), ("value", .number(result.value)), ("score", .number(result.score)),
                    ("n", .int(result.n)), ("status", .string(result.status.rawValue)), ("detail", .object(result.detail)),
                    ("error", .string(result.error)), ("reading", .string(result.reading)), ("evidence", result.evidence ?? .null),
                ])
            })),
        ])
    }

    // MARK: Reading

    static func decodeScorecard(_ json: JSONValue) throws -> Scorecard {
        let reader = Reader(json, path: "snapshot")
        guard try reader.string("schema") == schema else { throw SnapshotError(description: "the snapshot is not \(schema)") }
        guard let zone = Zone(identifier: try reader.string("timezone")) else {
            throw SnapshotError(description: "snapshot.timezone is not a known zone")
        }
        var scorecard = Scorecard(
            asOf: try reader.instant("as_of"), zone: zone,
            relationships: try reader.list("relationships").map { try relationship($0).score },
            agencies: try reader.list("agencies").map(agency),
            alerts: try reader.list("alerts").map(alert),
            dataIssues: try dataIssues(reader.object("data_issues")),
            dimensions: try reader.list("dimensions").map { dimension in
                DimensionInfo(id: try dimension.string("id"), label: try dimension.string("label"))
            },
            indicators: try reader.list("indicators").map(indicatorInfo))
        scorecard.previousRun = try reader.optionalInstant("previous_run")
        for item in try reader.list("relationships") {
            let key = RelationshipKey(agency: try item.object("agency").string("id"), partner: try item.object("partner").string("id"))
            scorecard.trends[key] = try item.list("trend").map { point in
                guard case .array(let pair) = point.value, pair.count == 2, case .string(let text) = pair[0],
                    let nanoseconds = Int64(text)
                else { throw point.failure("is not [as_of, score]") }
                return TrendPoint(asOf: Instant(nanoseconds: nanoseconds), score: pair[1].doubleValue)
            }
        }
        return scorecard
    }

    static func decodeRelationship(_ json: JSONValue) throws -> RelationshipSnapshot {
        let reader = Reader(json, path: "relationship")
        var snapshot = try relationship(reader)
        snapshot.previousOverall = try reader.optionalDouble("previous_overall")
        snapshot.comparedTo = try reader.optionalInstant("compared_to")
        snapshot.contributions = try reader.list("contributions").map { item in
            let previous = try item.optionalObject("previous")
            return Contribution(
                indicator: try item.string("indicator"), dimension: try item.string("dimension"),
                score: try item.optionalDouble("score"), share: try item.double("share"), points: try item.double("points"),
                previous: try previous.map { previous in
                    Contribution.Previous(score: try previous.optionalDouble("score"), points: try previous.double("points"))
                })
        }
        return snapshot
    }

    private static func relationship(_ reader: Reader) throws -> RelationshipSnapshot {
        let overall = try reader.object("overall")
        let score = RelationshipScore(
            agency: try party(reader.object("agency")), partner: try party(reader.object("partner")),
            overall: try scoredStatus(overall), coverage: try reader.optionalDouble("coverage"),
            dimensions: try reader.list("dimensions").map { item in
                guard case .array(let pair) = item.value, pair.count == 2, case .string(let id) = pair[0] else {
                    throw item.failure("is not [id, {score, status}]")
                }
                return (id, try scoredStatus(Reader(pair[1], path: item.path + "[1]")))
            },
            indicators: try reader.list("indicators").map { item in
                var result = IndicatorResult(
                    id: try item.string("id"), value: try item.optionalDouble("value"), score: try item.optionalDouble("score"),
                    n: try item.int("n"), status: try status(item, "status"), detail: try item.pairs("detail"),
                    error: try item.optionalString("error"))
                result.reading = try item.optionalString("reading")
                if let evidence = item.value["evidence"], evidence != .null { result.evidence = evidence }
                return result
            })
        return RelationshipSnapshot(score: score, previousOverall: nil, contributions: [], comparedTo: nil)
    }

    private static func party(_ reader: Reader) throws -> Party {
        Party(
            id: try reader.string("id"), name: try reader.string("name"), kind: try reader.string("kind"),
            region: try reader.optionalString("region"),
            tags: try reader.list("tags").map { tag in
                guard case .string(let text) = tag.value else { throw tag.failure("is not text") }
                return text
            })
    }

    private static func scoredStatus(_ reader: Reader) throws -> ScoredStatus {
        ScoredStatus(score: try reader.optionalDouble("score"), status: try status(reader, "status"))
    }

    private static func status(_ reader: Reader, _ key: String) throws -> Status {
        guard let status = Status(rawValue: try reader.string(key)) else { throw reader.failure("\(key) is not a status") }
        return status
    }

    private static func agency(_ reader: Reader) throws -> AgencySummary {
        AgencySummary(
            agency: try party(reader.object("agency")), relationships: try reader.int("relationships"),
            scored: try reader.int("scored"), score: try reader.optionalDouble("score"), status: try status(reader, "status"),
            green: try reader.int("green"), amber: try reader.int("amber"), red: try reader.int("red"),
            percentile: try reader.optionalDouble("percentile"))
    }

    private static func alert(_ reader: Reader) throws -> AlertRecord {
        guard let severity = AlertRecord.Severity(rawValue: try reader.string("severity")),
            let state = AlertRecord.State(rawValue: try reader.string("state"))
        else { throw reader.failure("has an unknown severity or state") }
        return AlertRecord(
            rule: try reader.string("rule"), severity: severity, state: state, agency: try reader.string("agency"),
            partner: try reader.string("partner"), message: try reader.string("message"))
    }

    private static func dataIssues(_ reader: Reader) throws -> DataIssues {
        DataIssues(
            rejected: try reader.int("rejected"),
            byReason: try reader.list("by_reason").map { item in
                guard case .array(let pair) = item.value, pair.count == 2, case .string(let code) = pair[0],
                    let reason = RejectionReason(rawValue: code), case .int(let count) = pair[1]
                else { throw item.failure("is not [reason, count]") }
                return (reason, count)
            },
            first: try reader.list("first").map { row in
                guard let reason = RejectionReason(rawValue: try row.string("reason")) else { throw row.failure("has an unknown reason") }
                return RejectedRow(
                    file: try row.string("file"), line: try row.int("line"), reason: reason, field: try row.optionalString("field"))
            })
    }

    private static func indicatorInfo(_ reader: Reader) throws -> IndicatorInfo {
        let scale = try reader.list("scale", optional: true).map { item in
            guard case .int(let bound) = item.value else { throw item.failure("is not a whole number") }
            return bound
        }
        let thresholds = try reader.optionalObject("thresholds")
        return IndicatorInfo(
            id: try reader.string("id"), plugin: try reader.string("plugin"), dimension: try reader.string("dimension"),
            label: try reader.string("label"), description: try reader.optionalString("description"),
            minimumCount: try reader.int("min_n"),
            answerScale: scale.count == 2 && scale[0] <= scale[1] ? scale[0]...scale[1] : nil,
            thresholds: try thresholds.map { thresholds in
                Thresholds(green: try thresholds.double("green"), amber: try thresholds.double("amber"))
            })
    }
}

/// Typed access to a snapshot's fields, naming the field that is wrong.
private struct Reader {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func failure(_ problem: String) -> SnapshotError {
        SnapshotError(description: "\(path) \(problem)")
    }

    private func field(_ key: String) throws(SnapshotError) -> JSONValue {
        guard let field = value[key] else { throw failure("lacks `\(key)`") }
        return field
    }

    func string(_ key: String) throws(SnapshotError) -> String {
        guard case .string(let text) = try field(key) else { throw failure("\(key) is not text") }
        return text
    }

    func optionalString(_ key: String) throws(SnapshotError) -> String? {
        switch try field(key) {
        case .null: return nil
        case .string(let text): return text
        default: throw failure("\(key) is not text or null")
        }
    }

    func int(_ key: String) throws(SnapshotError) -> Int {
        guard case .int(let number) = try field(key) else { throw failure("\(key) is not a whole number") }
        return number
    }

    func double(_ key: String) throws(SnapshotError) -> Double {
        guard let number = try field(key).doubleValue else { throw failure("\(key) is not a number") }
        return number
    }

    func optionalDouble(_ key: String) throws(SnapshotError) -> Double? {
        let field = try field(key)
        if field == .null { return nil }
        guard let number = field.doubleValue else { throw failure("\(key) is not a number or null") }
        return number
    }

    func instant(_ key: String) throws(SnapshotError) -> Instant {
        guard let nanoseconds = Int64(try string(key)) else { throw failure("\(key) is not a time") }
        return Instant(nanoseconds: nanoseconds)
    }

    func optionalInstant(_ key: String) throws(SnapshotError) -> Instant? {
        guard let text = try optionalString(key) else { return nil }
        guard let nanoseconds = Int64(text) else { throw failure("\(key) is not a time") }
        return Instant(nanoseconds: nanoseconds)
    }

    func object(_ key: String) throws(SnapshotError) -> Reader {
        let field = try field(key)
        guard case .object = field else { throw failure("\(key) is not an object") }
        return Reader(field, path: "\(path).\(key)")
    }

    func optionalObject(_ key: String) throws(SnapshotError) -> Reader? {
        let field = try field(key)
        if field == .null { return nil }
        guard case .object = field else { throw failure("\(key) is not an object or null") }
        return Reader(field, path: "\(path).\(key)")
    }

    func pairs(_ key: String) throws(SnapshotError) -> [(String, JSONValue)] {
        guard case .object(let pairs) = try field(key) else { throw failure("\(key) is not an object") }
        return pairs
    }

    func list(_ key: String, optional: Bool = false) throws(SnapshotError) -> [Reader] {
        let field = try field(key)
        if optional, field == .null { return [] }
        guard case .array(let items) = field else { throw failure("\(key) is not a list") }
        return items.enumerated().map { Reader($0.element, path: "\(path).\(key)[\($0.offset)]") }
    }
}
