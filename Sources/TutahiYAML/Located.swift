import TutahiSupport

/// A decoded value together with the place it was written, for checks made after decoding.
public struct Located<Value: Decodable & Sendable>: Decodable, Sendable {
    /// The value.
    public var value: Value
    /// Where the value was written (file, line, column).
    public var mark: SourceMark

    /// Wraps `value` written at `mark`.
    public init(_ value: Value, at mark: SourceMark) {
        self.value = value
        self.mark = mark
    }

    /// Decodes the value and records its position.
    public init(from decoder: any Decoder) throws {
        self.mark = YAMLDecoding.mark(of: decoder) ?? SourceMark(file: "<unknown>", line: 0, column: 0)
        self.value = try Value(from: decoder)
    }

    /// An error about this value, at its position.
    public func error(_ message: String) -> SourceError {
        SourceError(message, at: mark)
    }
}

extension Located: Equatable where Value: Equatable {}

/// A value whose decoding problems are recorded and reported with the rest, instead of
/// stopping the decode of the document around it.
///
/// `[Collected<Indicator>]` checks every indicator, even when the first one is wrong.
public struct Collected<Value: Decodable>: Decodable {
    /// The value, or nil when it had problems (already recorded).
    public var value: Value?

    /// Decodes the value, recording any error instead of throwing it.
    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? NodeDecoder else {
            value = try Value(from: decoder)
            return
        }
        do {
            value = try decoder.decodeChecked(Value.self)
        } catch {
            decoder.state.problems += decoder.state.sourceErrors(for: error)
            // The value's own problems are reported; its keys are not "unknown" on top of them.
            if let pairs = decoder.node.mapping { decoder.state.noteAskedAll(pairs, in: decoder.node.mark) }
            value = nil
        }
    }
}

extension Collected: Sendable where Value: Sendable {}

/// Helpers for `init(from:)` implementations that want positions.
public enum YAMLDecoding {
    /// The position of the node `decoder` decodes, when it is a YAML decoder.
    public static func mark(of decoder: any Decoder) -> SourceMark? {
        (decoder as? NodeDecoder)?.node.mark
    }

    /// The node `decoder` decodes, when it is a YAML decoder.
    public static func node(of decoder: any Decoder) -> YAMLNode? {
        (decoder as? NodeDecoder)?.node
    }

    /// Records a problem to report with the rest, without stopping the decode.
    public static func report(_ error: SourceError, in decoder: any Decoder) {
        (decoder as? NodeDecoder)?.state.problems.append(error)
    }
}

/// A string enumeration decoded with a message listing its choices.
public protocol ChoiceDecodable: RawRepresentable, CaseIterable, Decodable, Sendable where RawValue == String {}

extension ChoiceDecodable {
    /// Decodes one of the cases by its raw value.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            let choices = Self.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            let mark = YAMLDecoding.mark(of: decoder) ?? SourceMark(file: "<unknown>", line: 0, column: 0)
            throw SourceError("expected one of \(choices), found `\(text)`", at: mark)
        }
        self = value
    }
}
