/// A lexical token of Rego source.
struct Token: Sendable {
    /// The kinds of token.
    enum Kind: Sendable, Equatable {
        case identifier
        case number
        case string
        case rawString
        case template
        case lbrace, rbrace, lbracket, rbracket, lparen, rparen
        case dot, comma, semicolon, colon
        case assign, unify, equal, notEqual, less, lessEqual, greater, greaterEqual
        case plus, minus, star, slash, percent, amp, pipe
        case eof
    }

    var kind: Kind
    /// Identifier name, number text, or the decoded contents of a string.
    var text: String
    var line: Int
    var column: Int
    /// Whether a newline separates this token from the previous one.
    var newlineBefore: Bool
    /// Whether any whitespace or comment separates this token from the previous one.
    var spaceBefore: Bool

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier, .number: text
        case .string, .rawString, .template: "string"
        case .eof: "EOF"
        default: Token.spelling[kind] ?? text
        }
    }

    static let spelling: [Kind: String] = [
        .lbrace: "{", .rbrace: "}", .lbracket: "[", .rbracket: "]", .lparen: "(", .rparen: ")",
        .dot: ".", .comma: ",", .semicolon: ";", .colon: ":", .assign: ":=", .unify: "=",
        .equal: "==", .notEqual: "!=", .less: "<", .lessEqual: "<=", .greater: ">",
        .greaterEqual: ">=", .plus: "+", .minus: "-", .star: "*", .slash: "/", .percent: "%",
        .amp: "&", .pipe: "|",
    ]
}

extension Token.Kind: Hashable {}
