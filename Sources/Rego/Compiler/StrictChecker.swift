/// OPA's strict-mode checks that need only the parsed modules: unused and duplicate imports.
enum StrictChecker {
    static func check(_ modules: [Module]) throws(RegoError) {
        for m in modules {
            var used = Set<String>()
            for r in m.rules {
                var link: Rule? = r
                while let rule = link {
                    for e in rule.body { collectNames(e, into: &used) }
                    for t in [rule.value] + rule.head + rule.args + [rule.key].compactMap({ $0 }) {
                        collectNames(t, into: &used)
                    }
                    link = rule.elseRule?.rule
                }
            }
            var seen = Set<[String]>()
            for i in m.imports where i.path.first == "data" || i.path.first == "input" {
                guard seen.insert(i.path).inserted else {
                    throw .compile(message: "import \(i.path.joined(separator: ".")) is redeclared", location: i.location)
                }
                if let name = i.boundName, !used.contains(name) {
                    throw .compile(message: "import \(i.path.joined(separator: "."))\(i.alias.map { " as \($0)" } ?? "") unused", location: i.location)
                }
            }
        }
    }

    private static func collectNames(_ expr: Expr, into names: inout Set<String>) {
        expr.forEachVariableName { name, _ in names.insert(name) }
        for w in expr.withs {
            collectNames(w.target, into: &names)
            collectNames(w.value, into: &names)
        }
        switch expr.kind {
        case .every(_, _, _, let body):
            for e in body { collectNames(e, into: &names) }
        case .term(let t):
            collectClosures(t, into: &names)
        case .unify(let a, let b), .assign(let a, let b):
            collectClosures(a, into: &names)
            collectClosures(b, into: &names)
        default:
            break
        }
    }

    private static func collectNames(_ term: Term, into names: inout Set<String>) {
        term.forEachVariableName { name, _ in names.insert(name) }
        collectClosures(term, into: &names)
    }

    private static func collectClosures(_ term: Term, into names: inout Set<String>) {
        switch term.kind {
        case .call(let f, let args):
            collectNames(f, into: &names)
            for a in args { collectNames(a, into: &names) }
        case .arrayComprehension(let h, let body), .setComprehension(let h, let body):
            collectNames(h, into: &names)
            for e in body { collectNames(e, into: &names) }
        case .objectComprehension(let k, let v, let body):
            collectNames(k, into: &names)
            collectNames(v, into: &names)
            for e in body { collectNames(e, into: &names) }
        case .ref(let h, let path):
            collectClosures(h, into: &names)
            for p in path { collectClosures(p, into: &names) }
        case .array(let items), .set(let items):
            for i in items { collectClosures(i, into: &names) }
        case .object(let entries):
            for e in entries {
                collectClosures(e.key, into: &names)
                collectClosures(e.value, into: &names)
            }
        default:
            break
        }
    }
}
