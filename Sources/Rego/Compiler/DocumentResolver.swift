/// Resolves, once the rule tree is complete, every reference `data.a.b…` whose constant string prefix reaches a
/// node with rules into a reference headed by that node (``Term/Kind/document(_:_:)``), so evaluation finds the
/// document by id instead of walking the tree by name for every reference.
struct DocumentResolver {
    let root: RuleNode

    /// `root` with every rule (and `else` chain) resolved, and the functions likewise.
    static func resolve(root: RuleNode, functions: [[String]: FunctionGroup]) -> (RuleNode, [[String]: FunctionGroup]) {
        let resolver = DocumentResolver(root: root)
        return (resolver.resolve(root), functions.mapValues { group in
            var resolved = group
            resolved.rules = group.rules.map(resolver.resolve)
            resolved.defaultRule = group.defaultRule.map(resolver.resolve)
            return resolved
        })
    }

    private func resolve(_ node: RuleNode) -> RuleNode {
        var resolved = node
        resolved.rules = node.rules.map(resolve)
        resolved.defaultRule = node.defaultRule.map(resolve)
        resolved.children = node.children.mapValues(resolve)
        return resolved
    }

    private func resolve(_ rule: CompiledRule) -> CompiledRule {
        CompiledRule(
            kind: rule.kind, path: rule.path, dynamicHead: rule.dynamicHead.map(resolve), key: rule.key.map(resolve),
            value: resolve(rule.value), args: rule.args.map(resolve), body: resolve(rule.body),
            elseRule: rule.elseRule.map(resolve), slotCount: rule.slotCount, location: rule.location)
    }

    /// A query body or rule body with its data references resolved.
    func resolve(_ body: [Expr]) -> [Expr] {
        body.map(resolve)
    }

    private func resolve(_ expr: Expr) -> Expr {
        var resolved = expr
        switch expr.kind {
        case .term(let term):
            resolved.kind = .term(resolve(term))
        case .unify(let a, let b):
            resolved.kind = .unify(resolve(a), resolve(b))
        case .assign(let a, let b):
            resolved.kind = .assign(resolve(a), resolve(b))
        case .some(let terms):
            resolved.kind = .some(terms.map(resolve))
        case .someIn(let key, let value, let collection):
            resolved.kind = .someIn(key: key.map(resolve), value: resolve(value), collection: resolve(collection))
        case .every(let key, let value, let domain, let body):
            resolved.kind = .every(key: key.map(resolve), value: resolve(value), domain: resolve(domain), body: resolve(body))
        }
        resolved.withs = expr.withs.map { modifier in
            var resolvedModifier = modifier
            resolvedModifier.value = resolve(modifier.value)
            return resolvedModifier
        }
        return resolved
    }

    private func resolve(_ term: Term) -> Term {
        let location = term.location
        switch term.kind {
        case .ref(let head, let path):
            let rest = path.map(resolve)
            if case .data = head.kind, let (node, prefix) = documentPrefix(of: rest) {
                return Term(.ref(Term(.document(node, prefix), head.location), Array(rest.dropFirst(prefix.count))), location)
            }
            return Term(.ref(resolve(head), rest), location)
        case .array(let items):
            return Term(.array(items.map(resolve)), location)
        case .set(let items):
            return Term(.set(items.map(resolve)), location)
        case .object(let entries):
            return Term(.object(entries.map { ObjectEntry(key: resolve($0.key), value: resolve($0.value)) }), location)
        case .call(let function, let args):
            return Term(.call(resolve(function), args.map(resolve)), location)
        case .builtinCall(let builtin, let args):
            return Term(.builtinCall(builtin, args.map(resolve)), location)
        case .functionCall(let path, let args):
            return Term(.functionCall(path, args.map(resolve)), location)
        case .arrayComprehension(let head, let body):
            return Term(.arrayComprehension(resolve(head), resolve(body)), location)
        case .setComprehension(let head, let body):
            return Term(.setComprehension(resolve(head), resolve(body)), location)
        case .objectComprehension(let key, let value, let body):
            return Term(.objectComprehension(resolve(key), resolve(value), resolve(body)), location)
        case .template(let parts):
            return Term(.template(parts.map { part in
                if case .expression(let body) = part { return .expression(resolve(body)) }
                return part
            }), location)
        case .scalar, .variable, .local, .data, .input, .document:
            return term
        }
    }

    /// The node with rules that the leading constant string segments of `path` reach, and those segments; nil when
    /// they end first, leave the rule tree (base data) or reach a function.
    private func documentPrefix(of path: [Term]) -> (Int, [String])? {
        var node = root
        var prefix: [String] = []
        for segment in path {
            guard case .scalar(.string(let name)) = segment.kind, let child = node.children[name] else { return nil }
            prefix.append(name)
            node = child
            if node.isFunction { return nil }
            if node.hasRules { return (node.id, prefix) }
        }
        return nil
    }
}
