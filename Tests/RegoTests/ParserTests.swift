import Rego
import Testing

@Suite("Parsing")
struct ParserTests {
    private func compileError(_ source: String) -> RegoError? {
        do {
            _ = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
            return nil
        } catch {
            return error
        }
    }

    @Test("raw strings, escapes, comments and numbers lex correctly")
    func lexing() throws {
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: #"""
            package t
            # a comment
            raw := `a\nb`
            escaped := "tab\there \u00e9 \"q\""
            big := 123456789012345678901234567890
            dec := 1.50e1
            """#)])
        #expect(try policy.evaluate(document: "data.t.raw") == .string(#"a\nb"#))
        #expect(try policy.evaluate(document: "data.t.escaped") == .string("tab\there é \"q\""))
        #expect(try policy.evaluate(document: "data.t.big")?.jsonText == "123456789012345678901234567890")
        #expect(try policy.evaluate(document: "data.t.dec") == .int(15))
    }

    @Test("parse errors report line and column", arguments: [
        ("package t\np := [1, 2", 2, 11),
        ("package t\n\np if {\n  x := \"unterminated\n}", 4, 8),
        ("package t\np := 1 +", 2, 9),
        ("package t\np := {1: }", 2, 10),
    ])
    func parseErrorPositions(source: String, line: Int, column: Int) {
        let error = compileError(source)
        #expect(error?.code == "rego_parse_error")
        #expect(error?.location?.line == line)
        #expect(error?.location?.column == column)
    }

    @Test("v1 requires if; v0 accepts bodies without it")
    func versions() throws {
        let source = "package t\np { true }"
        #expect(compileError(source)?.code == "rego_parse_error")
        var options = CompileOptions()
        options.version = .v0
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)], options: options)
        #expect(try policy.evaluate(document: "data.t.p") == .bool(true))
    }

    @Test("compile checks use OPA's error codes", arguments: [
        ("package t\np if { x > 1 }", "rego_unsafe_var_error"),
        ("package t\np if { q }\nq if { p }", "rego_recursion_error"),
        ("package t\np if { count(1, 2, 3) }", "rego_type_error"),
        ("package t\ndefault p := 1\ndefault p := 2", "rego_type_error"),
        ("package t\np := 1\np contains 2", "rego_type_error"),
        ("package t\np if { x := 1; x := 2 }", "rego_compile_error"),
    ])
    func compileErrors(source: String, code: String) {
        #expect(compileError(source)?.code == code)
    }
}
