/// A position in a source file: 1-based line and column, as editors show them.
public struct SourceMark: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (in characters of the line).
    public var column: Int

    /// Creates a mark for `file` at `line` and `column`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the prefix of every config error.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem found in a source file, usually at a place in it.
///
/// Its description is the one line users see: `FILE:LINE:COLUMN: message`, or the message alone
/// when the problem has no one position.
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, when it is at one place.
    public var mark: SourceMark?
    /// What was expected, in words.
    public var message: String

    /// Creates an error at `mark` (nil: at no one place) saying `message`.
    public init(_ message: String, at mark: SourceMark?) {
        self.mark = mark
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, or `message` without a position.
    public var description: String { mark.map { "\($0): \(message)" } ?? message }
}

/// Several independent problems in one or more files, reported together.
public struct SourceErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var errors: [SourceError]

    /// Wraps `errors`, sorted by file, line and column; those without a position come first.
    public init(_ errors: [SourceError]) {
        func order(_ error: SourceError) -> (String, Int, Int) {
            error.mark.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        }
        self.errors = errors.sorted { order($0) < order($1) }
    }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
