import Mustache

/// Escaping for Markdown: characters that would start formatting, links, HTML or table cells are
/// backslash-escaped, and line breaks become spaces so a value stays in its table cell.
public struct MarkdownContentType: MustacheContentType {
    /// Creates the content type.
    public init() {}

    /// What can start emphasis, code, a link, HTML, an entity, strikethrough or a table cell
    /// mid-line. (Values never start a line in the templates, so `#`, `+` and `-` stay as they are.)
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~"]

    /// `text` with Markdown's special characters escaped and line breaks as spaces.
    public func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            if character == "\n" || character == "\r" || character == "\r\n" {
                escaped.append(" ")
            } else {
                if Self.special.contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
        }
        return escaped
    }
}
