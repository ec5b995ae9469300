/// A parsed Go `text/template`, the subset strings.render_template supports: text, `{{pipeline}}` actions with
/// fields (`.a.b`), variables (`$x`, `$`), literals, parenthesised pipelines and `|` chains; `if`/`else if`/`else`,
/// `range` (with `$i, $v :=`), `with`, variable declarations, comments and `{{-`/`-}}` trimming; and the
/// functions `eq ne lt le gt ge and or not len index print println printf` (printf formats as `sprintf` does).
/// Values are Rego values, printed as Go's `%v` prints the JSON-like values OPA hands to Go; a missing key prints
/// `<undefined>`.
struct GoTemplate {
    /// How deeply control structures and parenthesised pipelines may nest.
    static let maxDepth = 100

    indirect enum Node {
        case text(String)
        case action(Pipeline)
        case conditional(Pipeline, then: [Node], otherwise: [Node])
        case range(Pipeline, key: String?, value: String?, body: [Node], otherwise: [Node])
        case with(Pipeline, body: [Node], otherwise: [Node])
    }

    struct Pipeline {
        /// Variables declared (`$x :=`) or assigned (`$x =`) by it.
        var variables: [String] = []
        var commands: [[Argument]] = []
    }

    indirect enum Argument {
        /// `.` followed by fields: `.` is `dot([])`.
        case dot([String])
        case variable(String, [String])
        case literal(Value)
        case function(String)
        case nested(Pipeline, [String])
    }

    /// Why a template could not be parsed or rendered; the built-in reports it as its failure.
    struct Failure: Error {
        let message: String
    }

    let nodes: [Node]

    init(parsing text: String) throws(Failure) {
        var parser = TemplateParser(pieces: try TemplateParser.split(text))
        nodes = try parser.parseList(depth: 0, terminators: [])
        guard parser.atEnd else { throw Failure(message: "unexpected \(parser.peekKeyword ?? "action")") }
    }
}
