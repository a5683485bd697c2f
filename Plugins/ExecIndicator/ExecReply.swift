import Foundation
import TutahiPluginAPI

/// Why an exec plugin's run is unusable.
public struct ExecFailure: Error, Sendable, CustomStringConvertible {
    /// The reason, in one line.
    public var description: String
}

/// Reads an exec plugin's JSON reply.
package enum ExecReply {
    /// The largest `evidence` a result may give, serialized.
    static let maximumEvidenceBytes = 64 << 10

    package static func measurements(from output: [UInt8], for relationships: [RelationshipEvidence]) throws(ExecFailure)
        -> [Observation?]
    {
        guard let object = try? JSONSerialization.jsonObject(with: Data(output)) as? [String: Any],
            let results = object["results"] as? [[String: Any]]
        else { throw ExecFailure(description: "the reply is not a JSON object with a `results` list") }
        var byKey: [RelationshipKey: Observation] = [:]
        let known = Set(relationships.map(\.key))
        for result in results {
            guard let agency = result["agency"] as? String, let partner = result["partner"] as? String else {
                throw ExecFailure(description: "a result lacks `agency` or `partner`")
            }
            let key = RelationshipKey(agency: agency, partner: partner)
            guard known.contains(key) else { throw ExecFailure(description: "a result names unknown relationship \(key)") }
            let score = try number(result["score"], "score")
            if let score, !(0...100).contains(score) {
                throw ExecFailure(description: "score \(score) for \(key) is outside 0–100")
            }
            guard let n = result["n"] as? NSNumber,  n.doubleValue == n.doubleValue.rounded(),
                n.intValue >= 0
            else { throw ExecFailure(description: "`n` for \(key) must be a whole number ≥ 0") }
            let detail = (result["detail"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }
            var observation = Observation(
                value: try number(result["value"], "value"), score: score, n: n.intValue, detail: detail)
            if let evidence = result["evidence"], !(evidence is NSNull) {
                let value = json(evidence)
                let size = value.serialized().utf8.count
                guard size <= maximumEvidenceBytes else {
                    throw ExecFailure(
                        description: "the evidence for \(key) is \(size) bytes; at most \(maximumEvidenceBytes) are allowed")
                }
                observation.evidence = value
            }
            byKey[key] = observation
        }
        return relationships.map { byKey[$0.key] }
    }

    private static func number(_ value: Any?, _ name: String) throws(ExecFailure) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !isBoolean(value), number.doubleValue.isFinite
        else { throw ExecFailure(description: "`\(name)` must be a number or null") }
        return number.doubleValue
    }

    /// True for a JSON `true` or `false` (which Foundation hands over as an `NSNumber` of type `c`).
    static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func json(_ value: Any) -> JSONValue {
        switch value {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let truth as Bool where isBoolean(value): return .bool(truth)
        case let number as NSNumber:
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e15 && !"\(number)".contains(".")
                ? .int(number.intValue) : .number(double)
        case let array as [Any]: return .array(array.map(json))
        case let object as [String: Any]: return .object(object.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        default: return .null
        }
    }
}
