import Foundation
import Mustache
import TutahiPluginAPI
import TutahiSupport

/// A Mustache template that ships with a plugin, or the user's file that replaces it.
///
/// Values are HTML-escaped unless the template starts with `{{% CONTENT_TYPE: TEXT }}` (no
/// escaping) or `{{% CONTENT_TYPE: MARKDOWN }}` (Markdown escaping).
public struct MustacheFile: Sendable {
    let template: MustacheTemplate

    /// Registers the Markdown content type once.
    private static let registered: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    /// The built-in `text`, or the file `path` (as written, resolved against the config
    /// directory). A template that does not parse is a ``SourceError`` at its own line and column.
    public init(builtIn text: String, override path: Located<String>?, setup: SinkSetup) throws {
        _ = Self.registered
        guard let path else {
            template = try MustacheTemplate(string: text)
            return
        }
        let source: String
        do {
            source = String(decoding: try FileBytes.read(setup.resolve(path.value), limit: 4 << 20), as: UTF8.self)
        } catch {
            throw path.error("cannot read template `\(path.value)`: \(error.reason)")
        }
        do {
            template = try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw SourceError(
                "template error: \(Self.describe(error.error))",
                at: SourceMark(file: setup.resolve(path.value), line: error.context.lineNumber, column: error.context.columnNumber + 1))
        }
    }

    /// A built-in template that ships with Tūtahi (a parse error is a programming error, reported as thrown).
    package init(builtIn text: String) throws {
        _ = Self.registered
        template = try MustacheTemplate(string: text)
    }

    /// Renders `view` (a struct or dictionary; see swift-mustache for what it can hold). Structs
    /// marked ``MustacheView`` are read once, into dictionaries, before rendering.
    public func render(_ view: Any) -> String {
        template.render(MustacheViewTree.flatten(view))
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a section closes with a different name than it opened with"
        case .unfinishedName: return "a tag is not closed (expected `}}`)"
        case .expectedSectionEnd: return "a section is not closed (expected `{{/name}}`)"
        case .invalidSetDelimiter: return "bad set-delimiter tag"
        case .unrecognisedConfigVariable, .invalidConfigVariableSyntax: return "unknown `{{% … }}` setting"
        default: return "\(error)"
        }
    }
}
