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

/// A problem found at a place in a source file.
///
/// Its description is the one line users see: `FILE:LINE:COLUMN: message`.
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public var mark: SourceMark
    /// What was expected, in words.
    public var message: String

    /// Creates an error at `mark` saying `message`.
    public init(_ message: String, at mark: SourceMark) {
        self.mark = mark
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`.
    public var description: String { "\(mark): \(message)" }
}

/// Several independent problems in one or more files, reported together.
public struct SourceErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var errors: [SourceError]

    /// Wraps `errors`, sorted by file, line and column.
    public init(_ errors: [SourceError]) {
        self.errors = errors.sorted {
            ($0.mark.file, $0.mark.line, $0.mark.column) < ($1.mark.file, $1.mark.line, $1.mark.column)
        }
    }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
