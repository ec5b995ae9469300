import Rego
import Testing

/// The and/or operators and the built-ins added for OPA v1 conformance: results worked out from OPA's documented
/// semantics, errors that are typed, and bounds that hold on hostile operands.
@Suite("Logic operators and added built-ins")
struct LanguageAdditionTests {
    private func value(of expression: String, imports: String = "", strict: Bool = true) throws -> Value? {
        let source = "package t\n\(imports)\nr := \(expression)"
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = strict
        return try policy.evaluate(document: "data.t.r", environment: environment)
    }

    private func failure(_ body: () throws -> Void) -> RegoError? {
        do {
            try body()
            return nil
        } catch {
            return error as? RegoError
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let expression: String
        /// JSON of the result; nil for undefined.
        let expected: String?
        var testDescription: String { name }
    }

    static let logic: [Case] = [
        Case(name: "or binds looser than and", expression: "true if { false and false or true }", expected: "true"),
        Case(name: "not binds tighter than or", expression: "true if { not true or true }", expected: "true"),
        Case(name: "parentheses group operands", expression: "true if { false and (false or true) }", expected: nil),
        Case(name: "or succeeds once however many operands do", expression: "[1 | true or true or true]", expected: "[1]"),
        Case(name: "operand bindings stay inside their braces", expression: "true if { a := 5; { a := 1; a > 0 } and { a := 2; a > 1 }; a == 5 }", expected: "true"),
        Case(name: "outer bindings are visible in operands", expression: "[x | some x in [1, 5, 12]; x < 2 or x > 10]", expected: "[1,12]"),
        Case(name: "with applies to a parenthesised group", expression: "true if { (input.a or input.b with input as {\"b\": true}) }", expected: "true"),
        Case(name: "after an operand, and( is the operator before a parenthesised operand", expression: "true if { true and(false or true) }", expected: "true"),
        Case(name: "and as a function name is still a call", expression: "and({1, 2}, {2, 3})", expected: "[2]"),
    ]

    @Test("and/or", arguments: logic)
    func logicOperators(_ c: Case) throws {
        #expect(try value(of: c.expression, imports: "import future.keywords.and\nimport future.keywords.or")?.jsonText == c.expected)
    }

    @Test("the right operand of or is not evaluated once the left succeeds, and of and once the left fails")
    func shortCircuit() throws {
        let imports = "import future.keywords.and\nimport future.keywords.or"
        #expect(try value(of: #"true if { true or to_number("x") }"#, imports: imports)?.jsonText == "true")
        #expect(try value(of: #"true if { false and to_number("x") }"#, imports: imports) == nil)
        #expect(failure { _ = try value(of: #"true if { false or to_number("x") }"#, imports: imports) }?.code == "eval_builtin_error")
    }

    @Test("and/or are names, not operators, unless imported (rego.v1 does not import them)")
    func notImported() {
        #expect(failure { _ = try value(of: "true if { true or false }", imports: "import rego.v1") }?.code == "rego_parse_error")
    }

    @Test("braces after an operator hold a body; first in a literal they do only when an operator follows")
    func operandBraces() {
        let imports = "import future.keywords.and\nimport future.keywords.or"
        #expect((try? value(of: "true if { {false} }", imports: imports))??.jsonText == "true")
        #expect(failure { _ = try value(of: "true if { true and {1, 2} }", imports: imports) }?.code == "rego_parse_error")
        #expect(failure { _ = try value(of: "true if { {1} == {1} and true }", imports: imports) }?.code == "rego_parse_error")
        #expect((try? value(of: "true if { ({1} == {1}) and true }", imports: imports))??.jsonText == "true")
        #expect(failure { _ = try value(of: "true if { true and {} }", imports: imports) }?.code == "rego_parse_error")
        // `not (…)` groups, and `not {…}` holds a body, only with future.keywords.not.
        #expect(failure { _ = try value(of: "true if { not (false or false) }", imports: imports) }?.code == "rego_parse_error")
        #expect((try? value(of: "true if { not (false or false) }", imports: imports + "\nimport future.keywords.not"))??.jsonText == "true")
    }

    static let builtins: [Case] = [
        Case(name: "graph.reachable", expression: #"graph.reachable({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}, ["a"])"#, expected: #"["a","b","c"]"#),
        Case(name: "graph.reachable skips unknown start nodes", expression: #"graph.reachable({"a": []}, {"x"})"#, expected: "[]"),
        Case(name: "graph.reachable_paths ends paths at leaves, cycles and unknown nodes", expression: #"graph.reachable_paths({"a": ["b", "z"], "b": ["a", "c"], "c": null}, ["a"])"#, expected: #"[["a"],["a","b"],["a","b","c"]]"#),
        Case(name: "json.patch add, replace, move, copy, test", expression: #"json.patch({"a": [1, 2]}, [{"op": "add", "path": "/a/-", "value": 3}, {"op": "replace", "path": "/a/0", "value": 0}, {"op": "copy", "from": "/a", "path": "/b"}, {"op": "move", "from": "/b/2", "path": "/c"}, {"op": "test", "path": "/c", "value": 3}])"#, expected: #"{"a":[0,2,3],"b":[0,2],"c":3}"#),
        Case(name: "json.patch on a set member", expression: #"json.patch({"s": {"x"}}, [{"op": "add", "path": "/s/y", "value": "y"}])"#, expected: #"{"s":["x","y"]}"#),
        Case(name: "json.patch leaves the result undefined when a test fails", expression: #"json.patch({"a": 1}, [{"op": "test", "path": "/a", "value": 2}])"#, expected: nil),
        Case(name: "json.patch rejects an index with leading zeros", expression: #"json.patch([1, 2], [{"op": "remove", "path": "/01"}])"#, expected: nil),
        Case(name: "strings.render_template", expression: #"strings.render_template("{{range $i, $n := .names}}{{if $i}}, {{end}}{{$n}}{{end}}; {{.missing}}", {"names": ["a", "b"]})"#, expected: #""a, b; <undefined>""#),
        Case(name: "strings.render_template prints collections as Go does", expression: #"strings.render_template("{{.a}} {{.o}} {{.n}}", {"a": [1, "x"], "o": {"k": true}, "n": null})"#, expected: #""[1 x] map[k:true] <nil>""#),
        Case(name: "regex.globs_match, intersecting", expression: #"regex.globs_match("a.*z", "ab+[xyz]")"#, expected: "true"),
        Case(name: "regex.globs_match, disjoint", expression: #"regex.globs_match("[a-c]+", "[x-z]*q")"#, expected: "false"),
        Case(name: "json.match_schema reports each violation", expression: #"json.match_schema({"n": "x"}, {"required": ["m"], "properties": {"n": {"type": "integer"}}})"#, expected: #"[false,[{"desc":"m is required","error":"(root): m is required","field":"(root)","type":"required"},{"desc":"Invalid type. Expected: integer, given: string","error":"n: Invalid type. Expected: integer, given: string","field":"n","type":"invalid_type"}]]"#),
        Case(name: "json.verify_schema", expression: #"json.verify_schema({"type": "number"})"#, expected: "[true,null]"),
        Case(name: "uri.is_valid", expression: #"[uri.is_valid("https://h:8080/p?q#f"), uri.is_valid("http://[::1]/"), uri.is_valid("no scheme"), uri.is_valid("http://h:port/")]"#, expected: "[true,true,false,false]"),
        Case(name: "net.lookup_ip_addr of an address is that address", expression: #"net.lookup_ip_addr("2001:db8:0:0::1")"#, expected: #"["2001:db8::1"]"#),
        Case(name: "yaml.unmarshal", expression: #"yaml.unmarshal("a: [1, {b: c}]\nd: |\n  x\ne:\n- 'it''s'\n- ~\n")"#, expected: #"{"a":[1,{"b":"c"}],"d":"x\n","e":["it's",null]}"#),
        Case(name: "yaml.marshal reads back to the same value", expression: #"yaml.unmarshal(yaml.marshal({"k": ["1", true, null, {"n": 1.5, "s": "a: b"}], "e": []}))"#, expected: #"{"e":[],"k":["1",true,null,{"n":1.5,"s":"a: b"}]}"#),
        Case(name: "yaml.is_valid", expression: #"[yaml.is_valid("a: [1"), yaml.is_valid("a: 1")]"#, expected: "[false,true]"),
        Case(name: "http.send with raise_error false reports that there is no network", expression: #"http.send({"method": "get", "url": "https://example.com", "raise_error": false}).status_code"#, expected: "0"),
    ]

    @Test("added built-ins", arguments: builtins)
    func addedBuiltins(_ c: Case) throws {
        #expect(try value(of: c.expression)?.jsonText == c.expected)
    }

    @Test("operands OPA rejects give typed errors")
    func typedErrors() {
        #expect(failure { _ = try value(of: #"graph.reachable(1, [])"#) }?.code == "eval_type_error")
        #expect(failure { _ = try value(of: #"graph.reachable_paths({}, "a")"#) }?.code == "eval_type_error")
        #expect(failure { _ = try value(of: #"http.send({"method": "get", "url": "https://example.com", "bad": 1})"#) }?.message.contains(#"invalid request parameters(s): {"bad"}"#) == true)
        #expect(failure { _ = try value(of: #"http.send({"method": "get", "url": "https://example.com"})"#) }?.code == "eval_builtin_error")
        #expect(failure { _ = try value(of: #"regex.globs_match("a]", "b")"#) }?.message.contains("set-close ']' with no preceding '['") == true)
        #expect(failure { _ = try value(of: #"strings.render_template("{{if .a}}", {})"#) }?.code == "eval_builtin_error")
        #expect(failure { _ = try value(of: #"json.match_schema({}, {"type": "nope"})"#) }?.code == "eval_builtin_error")
        #expect(failure { _ = try value(of: ##"json.match_schema({}, {"$ref": "#"})"##) }?.code == "eval_limit_error")
    }

    @Test("reachable_paths over a graph with exponentially many paths stops at the bounds")
    func exponentialPaths() throws {
        // 40 diamonds in a row: 2^40 paths from the first node to the last.
        var edges: [String] = []
        for i in 0..<40 {
            edges.append(#""n\#(i)": ["l\#(i)", "r\#(i)"], "l\#(i)": ["n\#(i + 1)"], "r\#(i)": ["n\#(i + 1)"]"#)
        }
        edges.append(#""n40": []"#)
        var options = CompileOptions()
        options.limits.maxAllocationBytes = 1 << 20
        let source = "package t\nr := count(graph.reachable_paths({\(edges.joined(separator: ", "))}, [\"n0\"]))"
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)], options: options)
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        #expect(failure { _ = try policy.evaluate(document: "data.t.r", environment: environment) }?.code == "eval_limit_error")
    }

    @Test("a template that ranges over a huge count stops at the output bound")
    func templateOutputBound() throws {
        var options = CompileOptions()
        options.limits.maxOutputSize = 10_000
        let source = #"package t"# + "\n" + #"r := strings.render_template("{{range .n}}xxxxxxxxxx{{end}}", {"n": 100000000})"#
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)], options: options)
        var environment = EvaluationEnvironment()
        environment.strictBuiltinErrors = true
        #expect(failure { _ = try policy.evaluate(document: "data.t.r", environment: environment) }?.code == "eval_limit_error")
    }

    @Test("rego.metadata.rule() and chain() give the METADATA block above the rule and its package")
    func metadata() throws {
        let source = """
            # METADATA
            # description: the package
            package t

            # METADATA
            # title: Rule
            # authors:
            # - Ann Example <ann@example.com>
            r := rego.metadata.rule()

            c := rego.metadata.chain()

            none := rego.metadata.rule()
            """
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        #expect(try policy.evaluate(document: "data.t.r")?.jsonText == #"{"authors":[{"email":"ann@example.com","name":"Ann Example"}],"scope":"rule","title":"Rule"}"#)
        #expect(try policy.evaluate(document: "data.t.c")?.jsonText == #"[{"path":["data","t","c"]},{"annotations":{"description":"the package","scope":"package"},"path":["data","t"]}]"#)
        #expect(try policy.evaluate(document: "data.t.none")?.jsonText == "{}")
    }

    @Test("p[k] contains m is an object of sets, merged with other rules' sets")
    func setLeaves() throws {
        let source = """
            package t
            p[k] contains m if {
              some k in ["a", "b"]
              some m in ["a", "b", "c"]
              k != m
            }
            p.b contains "z"
            """
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        #expect(try policy.evaluate(document: "data.t.p")?.jsonText == #"{"a":["b","c"],"b":["a","c","z"]}"#)
    }

    @Test("a value under a rule's ref head is not merged into by a deeper rule")
    func leafConflict() throws {
        let source = """
            package t
            p[q].r := {"s": 1} if q := "q"
            p.q.r.t := 2
            """
        let policy = try Policy(modules: [RegoModule(fileName: "p.rego", source: source)])
        #expect(failure { _ = try policy.evaluate(document: "data.t.p") }?.code == "eval_conflict_error")
    }
}
