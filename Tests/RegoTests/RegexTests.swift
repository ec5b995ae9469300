import Rego
import Testing

/// The regex built-ins follow Go's `regexp` (RE2 syntax): what OPA answers is what these expect.
@Suite("Regular expressions with Go's RE2 semantics")
struct RegexTests {
    private func value(_ expression: String) throws -> String? {
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        let result = try Policy(modules: []).evaluate(query: "x := " + expression, environment: environment)
        return result.solutions.first?["x"]?.jsonText
    }

    @Test("matches, finds, splits and replaces as Go does", arguments: [
        // Flags and named groups, in Go's two spellings.
        (#"regex.match("(?i)ABC", "xabcx")"#, "true"),
        (#"regex.match("(?s)a.b", "a\nb")"#, "true"),
        (#"regex.match("a.b", "a\nb")"#, "false"),
        (#"regex.find_all_string_submatch_n("(?P<user>\\w+)@(?<host>\\w+)", "a@b c@d", -1)"#, #"[["a@b","a","b"],["c@d","c","d"]]"#),
        // Empty matches: none right after a match; the search steps one character past an empty match.
        (#"regex.find_n("a*", "baaab", -1)"#, #"["","aaa",""]"#),
        (#"regex.find_n("", "abc", -1)"#, #"["","","",""]"#),
        (#"regex.find_n("a", "aaaa", 2)"#, #"["a","a"]"#),
        (#"regex.find_n("a", "aaaa", 0)"#, "[]"),
        // Groups that did not take part are empty strings.
        (#"regex.find_all_string_submatch_n("(a)|(b)", "ab", -1)"#, #"[["a","a",""],["b","","b"]]"#),
        // Anchors see the whole text, not where the search resumed.
        (#"regex.find_n("^a", "aaa", -1)"#, #"["a"]"#),
        (#"regex.find_n("(?m)^\\w+$", "ab\ncd", -1)"#, #"["ab","cd"]"#),
        (#"regex.find_n("\\bfoo\\b", "foo foofoo foo", -1)"#, #"["foo","foo"]"#),
        (#"regex.find_n("a\\z", "aa", -1)"#, #"["a"]"#),
        // UTF-8: a character is one match, Unicode classes work.
        (#"regex.find_n(".", "héllo", -1)"#, #"["h","é","l","l","o"]"#),
        (#"regex.match("^\\p{Greek}+$", "αβγ")"#, "true"),
        (#"regex.find_n("\\pL+", "ab12ü", -1)"#, #"["ab","ü"]"#),
        (#"regex.find_n("[[:digit:]]+", "ab12c3", -1)"#, #"["12","3"]"#),
        (#"regex.find_n("\\Qa.b\\E", "a.b axb", -1)"#, #"["a.b"]"#),
        (#"regex.find_n("a+?", "aaa", -1)"#, #"["a","a","a"]"#),
        // Split keeps Go's rules for empty matches and the tail.
        (#"regex.split("a*", "abaabaccadaaae")"#, #"["","b","b","c","c","d","e"]"#),
        (#"regex.split(",", "a,b,,c")"#, #"["a","b","","c"]"#),
        (#"regex.split("a", "ba")"#, #"["b",""]"#),
        (#"regex.split("x", "")"#, #"[""]"#),
        // Replacement templates: $name is the longest name ("2_" here), ${n} ends it, $$ is a dollar.
        (#"regex.replace("abc-def", "(\\w+)-(\\w+)", "$2_$1")"#, #""abc""#),
        (#"regex.replace("abc-def", "(\\w+)-(\\w+)", "${2}_${1}")"#, #""def_abc""#),
        (#"regex.replace("abc-def", "(?P<first>\\w+)-(?P<second>\\w+)", "$second $first")"#, #""def abc""#),
        (#"regex.replace("a", "a", "$$")"#, #""$""#),
        (#"regex.replace("a", "a", "$")"#, #""$""#),
        (#"regex.replace("abc", "x*", "-")"#, #""-a-b-c-""#),
        (#"regex.replace("baaab", "a*", "-")"#, #""-b-b-""#),
        (#"regex.template_match("urn:foo:{.*}", "urn:foo:bar:baz", "{", "}")"#, "true"),
        (#"regex.template_match("urn:foo.{[a-z]+}", "urn:fooxbar", "{", "}")"#, "false"),
        (#"glob.match("*.github.com", [], "api.github.com")"#, "true"),
        (#"glob.match("*.github.com", ["."], "api.cdn.github.com")"#, "false"),
        (#"glob.match("a-[0-9]", ["-"], "a-7")"#, "true"),
    ])
    func semantics(expression: String, expected: String) throws {
        #expect(try value(expression) == expected)
    }

    @Test("regex.is_valid agrees with what compiles, in Go's syntax", arguments: [
        ("(abc", false), ("abc)", false), ("a**", false), ("x{1001}", false), ("\\C", false), ("\\Z", false),
        ("[z-a]", false), ("(?P<>a)", false), ("\\8", false), ("(?=a)", false), ("a\\", false),
        ("", true), ("(?<name>x)", true), ("(?P<name>x)", true), ("[[:alpha:]]+", true), ("(?i)a|b", true),
        ("\\pN\\p{Greek}", true), ("[(?<]", true), ("\\Q(?<\\E", true), ("x{2,}?", true),
    ])
    func validity(pattern: String, valid: Bool) throws {
        let escaped = Value.string(pattern).jsonText
        #expect(try value("regex.is_valid(\(escaped))") == (valid ? "true" : "false"))
        if !valid {
            #expect(throws: RegoError.self) { _ = try value("regex.match(\(escaped), \"x\")") }
        }
    }

    @Test("an invalid pattern fails with Go's message")
    func errorMessage() {
        #expect {
            _ = try value(#"regex.match("(abc", "x")"#)
        } throws: { error in
            guard let error = error as? RegoError else { return false }
            return error.code == "eval_builtin_error"
                && error.message == "regex.match: error parsing regexp: missing closing ): `(abc`"
        }
    }
}
