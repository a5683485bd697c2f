import TutahiPluginAPI
import TutahiSupport

/// Parses alert `when` expressions and `{expr}` placeholders, with errors at their column.
package struct ExpressionParser {
    private enum Token: Equatable {
        case number(Double), duration(Period), identifier(String), symbol(String), end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    /// How deeply the parse is nested now (parentheses, `not`, unary minus).
    private var depth = 0
    private let names: Set<String>
    private let indicatorIDs: Set<String>
    private let origin: (Int) -> SourceMark

    /// `names` are the ids a bare name may use; `origin` maps a character offset to its position in the file.
    package init(_ text: String, names: Set<String>, indicatorIDs: Set<String>, origin: @escaping (Int) -> SourceMark)
        throws(SourceError)
    {
        self.names = names
        self.indicatorIDs = indicatorIDs
        self.origin = origin
        tokens = try Self.tokenize(Array(text), origin: origin)
        if tokens.count - 1 > Limits.expressionTokens {
            throw SourceError(
                "the expression is too long: at most \(Limits.expressionTokens) numbers, names and symbols",
                at: origin(tokens[Limits.expressionTokens].offset))
        }
    }

    /// Runs `body` one level deeper, refusing to nest past ``Limits/expressionDepth``.
    private mutating func nested<T>(_ body: (inout Self) throws(SourceError) -> T) throws(SourceError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Limits.expressionDepth else {
            throw error("the expression is nested too deeply: at most \(Limits.expressionDepth) levels")
        }
        return try body(&self)
    }

    /// Parses the whole text as one expression.
    package mutating func parseExpression() throws(SourceError) -> AlertExpression {
        let expression = try parseOr()
        guard case .end = current else { throw error("unexpected \(describe(current)) after the expression") }
        return expression
    }

    private var current: Token { tokens[position].token }

    private func error(_ message: String) -> SourceError {
        SourceError(message, at: origin(tokens[position].offset))
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let value): return "number \(value)"
        case .duration(let period): return "duration `\(period)`"
        case .identifier(let name): return "`\(name)`"
        case .symbol(let symbol): return "`\(symbol)`"
        case .end: return "end of expression"
        }
    }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ symbol: String) -> Bool {
        if current == .symbol(symbol) || current == .identifier(symbol) {
            advance()
            return true
        }
        return false
    }

    private mutating func expect(_ symbol: String) throws(SourceError) {
        guard accept(symbol) else { throw error("expected `\(symbol)`, found \(describe(current))") }
    }

    private mutating func parseOr() throws(SourceError) -> AlertExpression {
        var lhs = try parseAnd()
        while accept("or") { lhs = .binary(.or, lhs, try parseAnd()) }
        return lhs
    }

    private mutating func parseAnd() throws(SourceError) -> AlertExpression {
        var lhs = try parseNot()
        while accept("and") { lhs = .binary(.and, lhs, try parseNot()) }
        return lhs
    }

    private mutating func parseNot() throws(SourceError) -> AlertExpression {
        if accept("not") { return .not(try nested { parser throws(SourceError) in try parser.parseNot() }) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SourceError) -> AlertExpression {
        let lhs = try parseSum()
        for op in [AlertExpression.Operator.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater]
        where accept(op.rawValue) {
            let rhs = try parseSum()
            if case .symbol(let next) = current, ["<", "<=", ">", ">=", "==", "!="].contains(next) {
                throw error("comparisons cannot be chained: use `and`")
            }
            return .binary(op, lhs, rhs)
        }
        return lhs
    }

    private mutating func parseSum() throws(SourceError) -> AlertExpression {
        var lhs = try parseProduct()
        while true {
            if accept("+") { lhs = .binary(.add, lhs, try parseProduct()) }
            else if accept("-") { lhs = .binary(.subtract, lhs, try parseProduct()) }
            else { return lhs }
        }
    }

    private mutating func parseProduct() throws(SourceError) -> AlertExpression {
        var lhs = try parseUnary()
        while true {
            if accept("*") { lhs = .binary(.multiply, lhs, try parseUnary()) }
            else if accept("/") { lhs = .binary(.divide, lhs, try parseUnary()) }
            else { return lhs }
        }
    }

    private mutating func parseUnary() throws(SourceError) -> AlertExpression {
        if accept("-") { return .negate(try nested { parser throws(SourceError) in try parser.parseUnary() }) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SourceError) -> AlertExpression {
        switch current {
        case .number(let value):
            advance()
            return .number(value)
        case .symbol("("):
            advance()
            let inner = try nested { parser throws(SourceError) in try parser.parseOr() }
            try expect(")")
            return inner
        case .identifier(let name) where !["and", "or", "not"].contains(name):
            if tokens[position + 1].token == .symbol("(") {
                return try parseCall(name)
            }
            guard names.contains(name) else { throw unknownName(name) }
            advance()
            return .name(name)
        default:
            throw error("expected a number, a name or `(`, found \(describe(current))")
        }
    }

    private mutating func parseCall(_ name: String) throws(SourceError) -> AlertExpression {
        guard let function = AlertExpression.Function(rawValue: name) else {
            let known = AlertExpression.Function.allCases.map(\.rawValue)
            var message = "unknown function `\(name)`"
            if let near = Suggestion.nearest(to: name, among: known) { message += "; did you mean `\(near)`?" }
            throw error(message + " (functions: value, n, score, change, missing)")
        }
        advance()
        try expect("(")
        guard case .identifier(let argument) = current else {
            throw error("expected a name inside `\(name)(…)`, found \(describe(current))")
        }
        let allowed = function == .change || function == .missing ? names : indicatorIDs
        guard allowed.contains(argument) else {
            throw function == .change || function == .missing
                ? unknownName(argument) : error("`\(name)(…)` takes an indicator id; `\(argument)` is not one")
        }
        advance()
        if function == .change {
            try expect(",")
            guard case .duration(let period) = current else {
                throw error("expected a duration such as `90d`, found \(describe(current))")
            }
            advance()
            try expect(")")
            return .change(argument, period)
        }
        try expect(")")
        return .call(function, argument)
    }

    private func unknownName(_ name: String) -> SourceError {
        var message = "unknown name `\(name)`"
        if let near = Suggestion.nearest(to: name, among: names) {
            message += "; did you mean `\(near)`?"
        } else {
            message += "; expected `overall`, `coverage`, a dimension id or an indicator id"
        }
        return error(message)
    }

    private static func tokenize(_ characters: [Character], origin: (Int) -> SourceMark) throws(SourceError)
        -> [(token: Token, offset: Int)]
    {
        var tokens: [(token: Token, offset: Int)] = []
        var i = 0
        func isIdentifier(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        while i < characters.count {
            let c = characters[i]
            let start = i
            if c == " " || c == "\t" || c == "\n" {
                i += 1
            } else if c.isASCII && (c.isNumber || c == ".") {
                while i < characters.count, characters[i].isASCII, characters[i].isNumber || characters[i] == "." {
                    i += 1
                }
                let text = String(characters[start..<i])
                if i < characters.count, "smhdw".contains(characters[i]),
                    i + 1 == characters.count || !isIdentifier(characters[i + 1])
                {
                    guard let period = Period(text + String(characters[i])) else {
                        throw SourceError("`\(text)\(characters[i])` is not a duration", at: origin(start))
                    }
                    i += 1
                    tokens.append((.duration(period), start))
                    continue
                }
                guard let value = Double(text), !(i < characters.count && isIdentifier(characters[i])) else {
                    while i < characters.count, isIdentifier(characters[i]) { i += 1 }
                    let word = String(characters[start..<i])
                    throw SourceError(
                        "`\(word)` is not a number or a duration (such as 90d, 4w, 72h, 15m, 20s)", at: origin(start))
                }
                tokens.append((.number(value), start))
            } else if c.isASCII && (c.isLetter || c == "_") {
                while i < characters.count, isIdentifier(characters[i]) { i += 1 }
                tokens.append((.identifier(String(characters[start..<i])), start))
            } else {
                let pair = i + 1 < characters.count ? String([c, characters[i + 1]]) : ""
                if ["<=", ">=", "==", "!="].contains(pair) {
                    tokens.append((.symbol(pair), start))
                    i += 2
                } else if "<>+-*/(),".contains(c) {
                    tokens.append((.symbol(String(c)), start))
                    i += 1
                } else {
                    throw SourceError("unexpected character `\(c)` in the expression", at: origin(start))
                }
            }
        }
        tokens.append((.end, characters.count))
        return tokens
    }
}
