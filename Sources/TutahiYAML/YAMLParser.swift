import CYAML
import TutahiSupport

/// Parses one YAML document into a ``YAMLNode`` tree, through the system libyaml.
///
/// The tree is built from libyaml's events so that every node, aliases included, keeps its own
/// position. Duplicate keys, unknown tags, cycles and documents larger than ``YAMLLimits`` are refused.
public struct YAMLParser: Sendable {
    /// The limits applied to every document.
    public var limits: YAMLLimits

    /// Creates a parser with `limits`.
    public init(limits: YAMLLimits = .configuration) {
        self.limits = limits
    }

    /// Parses `bytes`, naming `file` in every mark. Returns nil for a stream with no document.
    public func parse(_ bytes: [UInt8], file: String) throws(SourceError) -> YAMLNode? {
        guard bytes.count <= limits.maximumBytes else {
            throw SourceError(
                "the file is \(bytes.count) bytes; a configuration file may be at most \(limits.maximumBytes) bytes",
                at: SourceMark(file: file, line: 1, column: 1))
        }
        var builder = TreeBuilder(file: file, limits: limits)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw SourceError("could not start the YAML parser", at: SourceMark(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SourceError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw Self.syntaxError(parser, file: file)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return builder.root }
                try builder.consume(event)
            }
        }
    }

    /// Reads and parses the file at `path`.
    public func parseFile(atPath path: String, displayName: String? = nil) throws(SourceError) -> YAMLNode? {
        try parse(try readFile(atPath: path, displayName: displayName), file: displayName ?? path)
    }

    /// The bytes of the file at `path`, up to one more than the parser accepts (so an oversized file
    /// is refused by ``parse(_:file:)``); an error at the file's start when it cannot be read.
    public func readFile(atPath path: String, displayName: String? = nil) throws(SourceError) -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: limits.maximumBytes + 1)
        } catch {
            throw SourceError(error.description, at: SourceMark(file: displayName ?? path, line: 1, column: 1))
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> SourceError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " \(context) (line \(parser.context_mark.line + 1))"
        }
        let mark = SourceMark(
            file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        return SourceError(message, at: mark)
    }
}
