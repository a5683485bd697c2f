import TutahiSupport

/// Decodes `Decodable` values from a ``YAMLNode`` tree, with every error at its file, line and column.
///
/// Beyond what `Decodable` checks, it refuses keys the type never asked for (naming the nearest
/// known key when one is close), expands `${VAR}` from the environment in scalars, and lets
/// ``Collected`` values report their problems without stopping the rest of the document.
public struct YAMLDecoder: Sendable {
    /// Variables that `${VAR}` in a scalar is replaced with.
    public var environment: [String: String]

    /// Creates a decoder that expands `${VAR}` from `environment`.
    public init(environment: [String: String] = [:]) {
        self.environment = environment
    }

    /// Decodes `type` from `node`, throwing every problem found.
    ///
    /// `knownKeys` are keys of the top mapping that another decode reads: they are not reported as
    /// unknown, and they are offered as suggestions for misspelt keys.
    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode, knownKeys: Set<String> = [])
        throws(SourceErrors) -> T
    {
        let state = DecodingState(root: node, environment: environment)
        for key in knownKeys { state.noteAsked(key, in: node.mark) }
        let decoder = NodeDecoder(node: node, codingPath: [], state: state)
        do {
            let value = try decoder.decodeChecked(T.self)
            if !state.problems.isEmpty { throw SourceErrors(state.problems) }
            return value
        } catch let errors as SourceErrors {
            throw SourceErrors(state.problems + errors.errors)
        } catch {
            throw SourceErrors(state.problems + state.sourceErrors(for: error))
        }
    }
}

extension YAMLDecoder {
    /// Decodes `type` from `node`, returning what could be decoded together with every problem found,
    /// so that independent checks can go on.
    public func decodeCollecting<T: Decodable>(_ type: T.Type, from node: YAMLNode, knownKeys: Set<String> = [])
        -> (value: T?, problems: [SourceError])
    {
        let state = DecodingState(root: node, environment: environment)
        for key in knownKeys { state.noteAsked(key, in: node.mark) }
        let decoder = NodeDecoder(node: node, codingPath: [], state: state)
        do {
            let value = try decoder.decodeChecked(T.self)
            return (value, state.problems)
        } catch {
            return (nil, state.problems + state.sourceErrors(for: error))
        }
    }
}

extension YAMLDecoder {
    /// The keys of `node`'s mapping that decoding `type` asked for, with any problems: how the
    /// tests hold plugin documentation to the options a plugin really reads.
    public func keysRead<T: Decodable>(by type: T.Type, from node: YAMLNode) -> (keys: Set<String>, problems: [SourceError]) {
        let state = DecodingState(root: node, environment: environment)
        let decoder = NodeDecoder(node: node, codingPath: [], state: state)
        do {
            _ = try decoder.decodeChecked(T.self)
            return (state.asked(in: node.mark), state.problems)
        } catch {
            return (state.asked(in: node.mark), state.problems + state.sourceErrors(for: error))
        }
    }
}

/// The mutable side of one decode: which keys each mapping was asked for, and problems collected so far.
final class DecodingState {
    let root: YAMLNode
    let environment: [String: String]
    var problems: [SourceError] = []
    private var askedKeys: [SourceMark: Set<String>] = [:]

    init(root: YAMLNode, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    func noteAsked(_ key: String, in mapping: SourceMark) {
        askedKeys[mapping, default: []].insert(key)
    }

    func noteAskedAll(_ pairs: [YAMLPair], in mapping: SourceMark) {
        askedKeys[mapping, default: []].formUnion(pairs.map(\.key))
    }

    func asked(in mapping: SourceMark) -> Set<String> { askedKeys[mapping] ?? [] }

    /// Keys of `node` that nothing asked for, as errors with suggestions.
    func unknownKeys(of node: YAMLNode) -> [SourceError] {
        guard let pairs = node.mapping, let known = askedKeys[node.mark] else { return [] }
        return pairs.filter { !known.contains($0.key) }.map { pair in
            var message = "unknown key `\(pair.key)`"
            if let near = Suggestion.nearest(to: pair.key, among: known) {
                message += "; did you mean `\(near)`?"
            } else {
                message += "; expected one of: \(known.sorted().map { "`\($0)`" }.joined(separator: ", "))"
            }
            return SourceError(message, at: pair.keyMark)
        }
    }

    /// Converts any error thrown while decoding into positioned errors.
    func sourceErrors(for error: any Error) -> [SourceError] {
        switch error {
        case let error as SourceError: return [error]
        case let errors as SourceErrors: return errors.errors
        case let error as DecodingError:
            let (path, message) = Self.describe(error)
            return [SourceError(message, at: mark(at: path))]
        default:
            return [SourceError("\(error)", at: root.mark)]
        }
    }

    private func mark(at path: [any CodingKey]) -> SourceMark {
        var node = root
        for key in path {
            if let index = key.intValue, let items = node.sequence, items.indices.contains(index) {
                node = items[index]
            } else if let value = node[key.stringValue] {
                node = value
            } else {
                break
            }
        }
        return node.mark
    }

    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .dataCorrupted(let context): return (context.codingPath, context.debugDescription)
        case .keyNotFound(let key, let context): return (context.codingPath, "missing required key `\(key.stringValue)`")
        case .typeMismatch(_, let context): return (context.codingPath, context.debugDescription)
        case .valueNotFound(_, let context): return (context.codingPath, context.debugDescription)
        @unknown default: return ([], "\(error)")
        }
    }
}

/// The `Decoder` over one node.
struct NodeDecoder: Decoder {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let state: DecodingState
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let pairs = node.mapping else {
            throw SourceError("expected a mapping, found \(node.kindDescription)", at: node.mark)
        }
        state.noteAskedAll([], in: node.mark)  // registers the mapping for the unknown-key check
        return KeyedDecodingContainer(MappingContainer<Key>(decoder: self, pairs: pairs))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = node.sequence else {
            throw SourceError("expected a list, found \(node.kindDescription)", at: node.mark)
        }
        return SequenceContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ScalarContainer(decoder: self)
    }

    func child(_ node: YAMLNode, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], state: state)
    }

    /// Decodes `T` from this node, then refuses any key of this node's mapping that `T` did not ask for.
    func decodeChecked<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try T(from: self)
        let unknown = state.unknownKeys(of: node)
        if !unknown.isEmpty { throw SourceErrors(unknown) }
        return value
    }

    /// The node's scalar value after `${VAR}` expansion.
    func scalarValue() throws(SourceError) -> YAMLScalar.Value {
        guard let scalar = node.scalar else {
            throw SourceError("expected a single value, found \(node.kindDescription)", at: node.mark)
        }
        guard scalar.text.contains("${") else { return scalar.value }
        let expanded = try EnvironmentExpansion.expand(scalar.text, environment: state.environment, at: node.mark)
        return scalar.isPlain ? CoreSchema.resolve(expanded) : .string(expanded)
    }
}
