/// Finds rules and functions that depend on themselves (`rego_recursion_error`).
struct RecursionChecker {
    let root: RuleNode
    let functions: [[String]: FunctionGroup]

    private struct Vertex {
        var name: String
        var location: SourceLocation
        var edges: Set<Int>
    }

    func check() throws(RegoError) {
        var vertices: [Int: Vertex] = [:]
        root.forEachNode { node in
            guard let first = node.rules.first else { return }
            var edges = Set<Int>()
            for r in node.rules { collect(r, into: &edges) }
            vertices[node.id] = Vertex(name: first.pathName, location: first.location, edges: edges)
        }
        for group in functions.values {
            guard let first = group.rules.first else { continue }
            var edges = Set<Int>()
            for r in group.rules { collect(r, into: &edges) }
            vertices[group.id] = Vertex(name: first.pathName, location: first.location, edges: edges)
        }
        var state: [Int: Int] = [:]
        var stack: [Int] = []
        func visit(_ id: Int) throws(RegoError) {
            state[id] = 1
            stack.append(id)
            for next in (vertices[id]?.edges ?? []).sorted() where vertices[next] != nil {
                if state[next] == 1 {
                    let cycle = stack.drop(while: { $0 != next }) + [next]
                    let names = cycle.compactMap { vertices[$0]?.name }
                    let vertex = vertices[next]
                    throw .recursion(
                        message: "rule \(vertex?.name ?? "") is recursive: \(names.joined(separator: " -> "))",
                        location: vertex?.location ?? SourceLocation(file: "", line: 1, column: 1))
                }
                if state[next] == nil { try visit(next) }
            }
            stack.removeLast()
            state[id] = 2
        }
        for id in vertices.keys.sorted() where state[id] == nil {
            try visit(id)
        }
    }

    private func collect(_ rule: CompiledRule, into edges: inout Set<Int>) {
        var link: CompiledRule? = rule
        while let r = link {
            for e in r.body { collect(e, into: &edges) }
            collect(r.value, into: &edges)
            if let k = r.key { collect(k, into: &edges) }
            for d in r.dynamicHead { collect(d, into: &edges) }
            link = r.elseRule
        }
    }

    private func collect(_ expr: Expr, into edges: inout Set<Int>) {
        switch expr.kind {
        case .term(let t): collect(t, into: &edges)
        case .unify(let a, let b), .assign(let a, let b):
            collect(a, into: &edges)
            collect(b, into: &edges)
        case .some(let ts):
            for t in ts { collect(t, into: &edges) }
        case .someIn(let k, let v, let c):
            if let k { collect(k, into: &edges) }
            collect(v, into: &edges)
            collect(c, into: &edges)
        case .every(let k, let v, let d, let body):
            if let k { collect(k, into: &edges) }
            collect(v, into: &edges)
            collect(d, into: &edges)
            for e in body { collect(e, into: &edges) }
        }
        for w in expr.withs { collect(w.value, into: &edges) }
    }

    private func collect(_ term: Term, into edges: inout Set<Int>) {
        switch term.kind {
        case .data:
            root.forEachNode { if $0.hasRules { edges.insert($0.id) } }
        case .document(let id, _):
            edges.insert(id)
        case .ref(let head, let path):
            for p in path { collect(p, into: &edges) }
            guard case .data = head.kind else {
                collect(head, into: &edges)
                return
            }
            var node = root
            for p in path {
                if case .scalar(let v) = p.kind, v.stringValue == nil { return }
                guard case .scalar(.string(let s)) = p.kind else { break }
                guard let child = node.children[s] else { return }
                node = child
                if node.hasRules {
                    edges.insert(node.id)
                    return
                }
            }
            node.forEachNode { if $0.hasRules { edges.insert($0.id) } }
        case .array(let items), .set(let items):
            for i in items { collect(i, into: &edges) }
        case .object(let entries):
            for e in entries {
                collect(e.key, into: &edges)
                collect(e.value, into: &edges)
            }
        case .builtinCall(_, let args):
            for a in args { collect(a, into: &edges) }
        case .functionCall(let path, let args):
            if let group = functions[path] { edges.insert(group.id) }
            for a in args { collect(a, into: &edges) }
        case .arrayComprehension(let h, let body), .setComprehension(let h, let body):
            collect(h, into: &edges)
            for e in body { collect(e, into: &edges) }
        case .objectComprehension(let k, let v, let body):
            collect(k, into: &edges)
            collect(v, into: &edges)
            for e in body { collect(e, into: &edges) }
        case .template(let parts):
            for case .expression(let body) in parts {
                for e in body { collect(e, into: &edges) }
            }
        case .call(_, let args):
            for a in args { collect(a, into: &edges) }
        case .scalar, .variable, .local, .input:
            break
        }
    }
}
