import TutahiSupport

/// `${VAR}` in configuration strings, so secrets stay out of files.
public enum EnvironmentExpansion {
    /// Replaces every `${NAME}` in `text` with the variable's value; an unset variable is an error at `mark`.
    public static func expand(_ text: String, environment: [String: String], at mark: SourceMark)
        throws(SourceError) -> String
    {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let brace = rest.index(after: dollar)
            guard brace < rest.endIndex, rest[brace] == "{" else {
                result += rest[...dollar]
                rest = rest[brace...]
                continue
            }
            result += rest[..<dollar]
            let nameStart = rest.index(after: brace)
            guard let end = rest[nameStart...].firstIndex(of: "}") else {
                throw SourceError("`${` without a closing `}`", at: mark)
            }
            let name = String(rest[nameStart..<end])
            guard isVariableName(name) else {
                throw SourceError("`${\(name)}` is not a variable name (letters, digits and _)", at: mark)
            }
            guard let value = environment[name] else {
                throw SourceError("environment variable \(name) is not set", at: mark)
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
