import Rego
import Testing

/// `k, v in c` in every position it may appear. At the top of a literal (and so in `not`, in comprehension bodies
/// and after `some`) the key/value form needs nothing more; where a comma separates items or arguments (collection
/// literals, call arguments, comprehension heads) it needs parentheses, and without them the comma separates and
/// only `v in c` is a membership test.
@Suite("Membership with a key")
struct MembershipTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let position: String
        /// The rules defining `r`, with `c := {"a": 1, "b": 2}` and `xs := ["x", "y"]` in scope.
        let rules: String
        /// `data.t.r` as JSON, nil for undefined.
        let expected: String?
        var testDescription: String { position }
    }

    static let cases: [Case] = [
        Case(position: "parenthesised, member", rules: #"r := ("a", 1 in c)"#, expected: "true"),
        Case(position: "parenthesised, key with another value", rules: #"r := ("a", 2 in c)"#, expected: "false"),
        Case(position: "parenthesised, array index", rules: #"r := (1, "y" in xs)"#, expected: "true"),
        Case(position: "nested parentheses", rules: #"r := ((("b", 2 in c)))"#, expected: "true"),
        Case(position: "array literal items", rules: #"r := [("a", 1 in c), ("b", 1 in c)]"#, expected: "[true,false]"),
        Case(position: "array literal without parentheses: the comma separates", rules: #"r := ["a", 1 in c]"#, expected: #"["a",true]"#),
        Case(position: "set literal", rules: #"r := {("a", 1 in c), ("b", 1 in c)}"#, expected: "[false,true]"),
        Case(position: "object literal value", rules: #"r := {"k": ("b", 2 in c)}"#, expected: #"{"k":true}"#),
        Case(position: "object literal key", rules: #"r := {("a", 1 in c): "yes"}[true]"#, expected: #""yes""#),
        Case(position: "reference brackets enclose one term, as parentheses do", rules: #"r := {true: "yes"}["a", 1 in c]"#, expected: #""yes""#),
        Case(position: "built-in call argument", rules: #"r := sprintf("%v/%v", [(0, "x" in xs), (0, "y" in xs)])"#, expected: #""true/false""#),
        Case(position: "function call argument", rules: "f(b) := [b]\nr := f((1, \"y\" in xs))", expected: "[true]"),
        Case(position: "function call without parentheses: two arguments", rules: "g(a, b) := [a, b]\nr := g(\"a\", 5 in c)", expected: #"["a",false]"#),
        Case(position: "top of a rule body", rules: #"r if "b", 2 in c"#, expected: "true"),
        Case(position: "top of a rule body, no such pair", rules: #"r if "b", 1 in c"#, expected: nil),
        Case(position: "not", rules: "default r := false\nr if not \"a\", 2 in c", expected: "true"),
        Case(position: "not, member", rules: "default r := false\nr if not \"a\", 1 in c", expected: "false"),
        Case(position: "not, parenthesised", rules: "default r := false\nr if not (\"a\", 2 in c)", expected: "true"),
        Case(position: "comprehension body", rules: #"r := [k | some k in ["a", "b", "z"]; k, 1 in c]"#, expected: #"["a"]"#),
        Case(position: "comprehension body, both bound", rules: #"r := {k: v | some k, v in {"a": 1, "b": 3}; k, v in c}"#, expected: #"{"a":1}"#),
        Case(position: "comprehension head", rules: #"r := [(k, 1 in c) | some k in ["a", "b"]]"#, expected: "[true,false]"),
        Case(position: "some k, v in c", rules: "r := [[k, v] | some k, v in c; v > 1]", expected: #"[["b",2]]"#),
        Case(position: "some k, v in c over an array", rules: "r := [i | some i, x in xs; x == \"y\"]", expected: "[1]"),
        Case(position: "assignment right-hand side, parenthesised", rules: "r if {\n  b := (\"a\", 1 in c)\n  b == true\n}", expected: "true"),
        Case(position: "every body", rules: #"r if every k, v in {"a": 1} { k, v in c }"#, expected: "true"),
    ]

    @Test("k, v in c", arguments: cases)
    func position(_ c: Case) throws {
        let source = "package t\nc := {\"a\": 1, \"b\": 2}\nxs := [\"x\", \"y\"]\n" + c.rules
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        let value = try policy.evaluate(document: "data.t.r")
        #expect(value?.jsonText == c.expected)
    }

    struct LogicCase: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let expected: String?
        var testDescription: String { name }
    }

    static let logicCases: [LogicCase] = [
        LogicCase(name: "and of two key/value tests", body: #""a", 1 in c and "b", 2 in c"#, expected: "true"),
        LogicCase(name: "or, left fails", body: #""a", 2 in c or "b", 2 in c"#, expected: "true"),
        LogicCase(name: "or, both fail", body: #""a", 2 in c or "b", 1 in c"#, expected: nil),
        LogicCase(name: "not binds tighter than and", body: #"not "a", 2 in c and ("b", 2 in c)"#, expected: "true"),
        LogicCase(name: "braced operands keep their own variables", body: "{ x := 1; x, \"y\" in xs } and { x := 0; x, \"x\" in xs }", expected: "true"),
    ]

    @Test("k, v in c as an operand of and/or", arguments: logicCases)
    func logic(_ c: LogicCase) throws {
        let source = """
            package t
            import future.keywords.and
            import future.keywords.or
            c := {"a": 1, "b": 2}
            xs := ["x", "y"]
            r if {
              \(c.body)
            }
            """
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        #expect(try policy.evaluate(document: "data.t.r")?.jsonText == c.expected)
    }
}
