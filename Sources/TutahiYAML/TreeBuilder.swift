import CYAML
import TutahiSupport

/// Turns libyaml events into a node tree, enforcing the limits as it goes.
struct TreeBuilder {
    private enum Frame {
        case sequence(items: [YAMLNode], mark: SourceMark, anchor: String?, size: Int)
        case mapping(pairs: [YAMLPair], pendingKey: YAMLNode?, mark: SourceMark, anchor: String?, size: Int)
    }

    private let file: String
    private let limits: YAMLLimits
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var nodeCount = 0
    private var documents = 0
    private(set) var root: YAMLNode?

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func consume(_ event: yaml_event_t) throws(SourceError) {
        let mark = SourceMark(
            file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { throw SourceError("expected one YAML document, found a second", at: mark) }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = Self.string(data.value, length: data.length)
            let scalar = try Self.scalar(
                text: text, plain: data.style == YAML_PLAIN_SCALAR_STYLE, tag: Self.optionalString(data.tag), at: mark)
            try add(YAMLNode(.scalar(scalar), at: mark), size: 1, anchor: Self.optionalString(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.optionalString(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw SourceError(
                    "alias *\(name) refers to no complete anchor (unknown, or an alias inside its own anchor)", at: mark)
            }
            var node = anchored.node
            node.mark = mark
            try add(node, size: anchored.size, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try checkTag(Self.optionalString(event.data.sequence_start.tag), allowed: "tag:yaml.org,2002:seq", at: mark)
            try push(.sequence(items: [], mark: mark, anchor: Self.optionalString(event.data.sequence_start.anchor), size: 1), at: mark)
        case YAML_MAPPING_START_EVENT:
            try checkTag(Self.optionalString(event.data.mapping_start.tag), allowed: "tag:yaml.org,2002:map", at: mark)
            try push(
                .mapping(pairs: [], pendingKey: nil, mark: mark, anchor: Self.optionalString(event.data.mapping_start.anchor), size: 1),
                at: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let items, let start, let anchor, let size):
                try add(YAMLNode(.sequence(items), at: start), size: size, anchor: anchor, counted: true)
            case .mapping(let pairs, _, let start, let anchor, let size):
                try add(YAMLNode(.mapping(pairs), at: start), size: size, anchor: anchor, counted: true)
            }
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame, at mark: SourceMark) throws(SourceError) {
        guard stack.count < limits.maximumDepth else {
            throw SourceError("nesting deeper than \(limits.maximumDepth) levels", at: mark)
        }
        try count(1, at: mark)
        stack.append(frame)
    }

    private mutating func count(_ nodes: Int, at mark: SourceMark) throws(SourceError) {
        nodeCount += nodes
        guard nodeCount <= limits.maximumNodes else {
            throw SourceError(
                "the document expands to more than \(limits.maximumNodes) nodes (too many aliases or too large)",
                at: mark)
        }
    }

    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?, counted: Bool = false) throws(SourceError) {
        if !counted { try count(size, at: node.mark) }
        if let anchor { anchors[anchor] = (node, size) }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let mark, let anchor, let total):
            items.append(node)
            stack.append(.sequence(items: items, mark: mark, anchor: anchor, size: total + size))
        case .mapping(var pairs, let pendingKey, let mark, let anchor, let total):
            guard let key = pendingKey else {
                guard case .scalar = node.content else {
                    throw SourceError("a mapping key must be a plain value, not \(node.kindDescription)", at: node.mark)
                }
                stack.append(.mapping(pairs: pairs, pendingKey: node, mark: mark, anchor: anchor, size: total + size))
                return
            }
            let keyText = key.scalar?.text ?? ""
            if let first = pairs.first(where: { $0.key == keyText }) {
                throw SourceError(
                    "duplicate key `\(keyText)` (first at line \(first.keyMark.line)); each key may appear once",
                    at: key.mark)
            }
            pairs.append(YAMLPair(key: keyText, keyMark: key.mark, value: node))
            stack.append(.mapping(pairs: pairs, pendingKey: nil, mark: mark, anchor: anchor, size: total + size))
        }
    }

    private func checkTag(_ tag: String?, allowed: String, at mark: SourceMark) throws(SourceError) {
        guard let tag, tag != allowed, tag != "!" else { return }
        throw SourceError("unsupported tag \(tag)", at: mark)
    }

    private static func scalar(text: String, plain: Bool, tag: String?, at mark: SourceMark) throws(SourceError)
        -> YAMLScalar
    {
        guard let tag, tag != "!" else { return YAMLScalar(text: text, isPlain: plain) }
        let resolved = CoreSchema.resolve(text)
        switch (tag, resolved) {
        case ("tag:yaml.org,2002:str", _):
            return YAMLScalar(text: text, isPlain: false)
        case ("tag:yaml.org,2002:null", .null), ("tag:yaml.org,2002:bool", .bool),
            ("tag:yaml.org,2002:int", .int), ("tag:yaml.org,2002:float", .float):
            return YAMLScalar(text: text, isPlain: true, value: resolved)
        case ("tag:yaml.org,2002:float", .int(let int)):
            return YAMLScalar(text: text, isPlain: true, value: .float(Double(int)))
        default:
            throw SourceError("`\(text)` is not a valid \(tag)", at: mark)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
