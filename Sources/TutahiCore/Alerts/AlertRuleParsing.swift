import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// Builds alert rules from the config, parsing expressions and templates with positions.
struct AlertRuleParsing {
    /// Names a bare identifier may use: overall, coverage, dimension and indicator ids.
    var names: Set<String>
    /// Indicator ids, for `value`, `n` and `score`.
    var indicatorIDs: Set<String>

    func rule(from raw: RawAlert) throws(SourceError) -> AlertRule {
        var parser = try ExpressionParser(
            raw.when.value, names: names, indicatorIDs: indicatorIDs, origin: origin(of: raw.when, node: raw.whenNode))
        let condition = try parser.parseExpression()
        return AlertRule(
            id: raw.id.value, source: raw.when.value, condition: condition, severity: raw.severity,
            consecutiveRuns: raw.consecutiveRuns?.value ?? 1, message: try template(raw.message, node: raw.messageNode),
            repeatAfter: raw.repeatAfter ?? .days(7))
    }

    func template(_ message: Located<String>, node: YAMLNode?) throws(SourceError) -> MessageTemplate {
        let characters = Array(message.value)
        let origin = self.origin(of: message, node: node)
        var parts: [MessageTemplate.Part] = []
        var text = ""
        var i = 0
        while i < characters.count {
            guard characters[i] == "{" else {
                text.append(characters[i])
                i += 1
                continue
            }
            guard let close = characters[i...].firstIndex(of: "}") else {
                throw SourceError("`{` without a closing `}` in the message", at: origin(i))
            }
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
            let inner = String(characters[(i + 1)..<close])
            let trimmed = inner.trimmingSpaces
            if let field = MessageTemplate.PartyField(rawValue: trimmed) {
                parts.append(.party(field))
            } else {
                let start = i + 1
                var parser = try ExpressionParser(
                    inner, names: names, indicatorIDs: indicatorIDs, origin: { origin(start + $0) })
                parts.append(.expression(try parser.parseExpression()))
            }
            i = close + 1
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return MessageTemplate(parts: parts)
    }

    /// Maps a character offset in a scalar to its file position (exact for one-line scalars).
    private func origin(of located: Located<String>, node: YAMLNode?) -> (Int) -> SourceMark {
        let quoted = node?.scalar.map { !$0.isPlain } ?? false
        let mark = located.mark
        return { offset in
            SourceMark(file: mark.file, line: mark.line, column: mark.column + offset + (quoted ? 1 : 0))
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
