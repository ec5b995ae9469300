/// Finds the rule documents whose value depends on neither `input` nor the evaluation's clock or randomness: with
/// `data` fixed, such a document is the same in every evaluation, so a ``BoundQuery`` computes it once.
///
/// A document is ground when none of its rules (bodies, heads, `else` chains, defaults) refers to `input`, calls a
/// nondeterministic built-in, uses `with`, or refers to a document or calls a function that is not ground. A
/// reference into `data` with a non-constant segment may reach any document below its constant prefix, so all of
/// them must be ground. The answer errs towards "not ground": an unresolved term or a cycle counts as not ground.
struct GroundAnalysis {
    private let root: RuleNode
    private let nodesByID: [RuleNode?]
    private let functions: [[String]: FunctionGroup]
    private var nodes: [Int: Verdict] = [:]
    private var groups: [[String]: Verdict] = [:]

    private enum Verdict {
        case inProgress, ground, notGround
    }

    private init(root: RuleNode, nodes: [RuleNode?], functions: [[String]: FunctionGroup]) {
        self.root = root
        nodesByID = nodes
        self.functions = functions
    }

    /// Whether each node id's document is ground, indexed by id like `nodes` (the tree's nodes by id).
    static func groundDocuments(root: RuleNode, nodes: [RuleNode?], functions: [[String]: FunctionGroup]) -> [Bool] {
        var analysis = GroundAnalysis(root: root, nodes: nodes, functions: functions)
        return nodes.map { node in
            guard let node, node.hasRules, !node.isFunction else { return false }
            return analysis.isGround(node)
        }
    }

    private mutating func isGround(_ node: RuleNode) -> Bool {
        switch nodes[node.id] {
        case .ground?: return true
        case .notGround?, .inProgress?: return false
        case nil: break
        }
        nodes[node.id] = .inProgress
        var ground = !node.isFunction
            && node.rules.allSatisfy { isGround($0) }
            && (node.defaultRule.map { isGround($0) } ?? true)
        if ground, node.kind == .partialObject {
            ground = node.children.values.allSatisfy { isGroundSubtree($0) }
        }
        nodes[node.id] = ground ? .ground : .notGround
        return ground
    }

    /// Whether every document at or below `node` is ground.
    private mutating func isGroundSubtree(_ node: RuleNode) -> Bool {
        if node.hasRules, !isGround(node) { return false }
        return node.children.values.allSatisfy { isGroundSubtree($0) }
    }

    private mutating func isGround(_ rule: CompiledRule) -> Bool {
        rule.dynamicHead.allSatisfy { isGround($0) }
            && (rule.key.map { isGround($0) } ?? true)
            && isGround(rule.value)
            && rule.args.allSatisfy { isGround($0) }
            && isGround(rule.body)
            && (rule.elseRule.map { isGround($0) } ?? true)
    }

    private mutating func isGroundFunction(_ path: [String]) -> Bool {
        switch groups[path] {
        case .ground?: return true
        case .notGround?, .inProgress?: return false
        case nil: break
        }
        guard let group = functions[path] else { return false }
        groups[path] = .inProgress
        let ground = group.rules.allSatisfy { isGround($0) } && (group.defaultRule.map { isGround($0) } ?? true)
        groups[path] = ground ? .ground : .notGround
        return ground
    }

    private mutating func isGround(_ body: [Expr]) -> Bool {
        body.allSatisfy { isGround($0) }
    }

    private mutating func isGround(_ expr: Expr) -> Bool {
        guard expr.withs.isEmpty else { return false }
        switch expr.kind {
        case .term(let term):
            return isGround(term)
        case .unify(let a, let b), .assign(let a, let b):
            return isGround(a) && isGround(b)
        case .some(let terms):
            return terms.allSatisfy { isGround($0) }
        case .someIn(let key, let value, let collection):
            return (key.map { isGround($0) } ?? true) && isGround(value) && isGround(collection)
        case .every(let key, let value, let domain, let body):
            return (key.map { isGround($0) } ?? true) && isGround(value) && isGround(domain) && isGround(body)
        }
    }

    private mutating func isGround(_ term: Term) -> Bool {
        switch term.kind {
        case .scalar, .local:
            return true
        case .input, .variable, .call:
            return false
        case .data:
            return isGroundSubtree(root)
        case .document(let id, _):
            guard let node = nodesByID.indices.contains(id) ? nodesByID[id] : nil else { return false }
            return isGroundSubtree(node)
        case .ref(let head, let path):
            guard path.allSatisfy({ isGround($0) }) else { return false }
            if case .data = head.kind { return isGroundDataReference(path) }
            return isGround(head)
        case .array(let items), .set(let items):
            return items.allSatisfy { isGround($0) }
        case .object(let entries):
            return entries.allSatisfy { isGround($0.key) && isGround($0.value) }
        case .builtinCall(let builtin, let args):
            return !builtin.isNondeterministic && args.allSatisfy { isGround($0) }
        case .functionCall(let path, let args):
            return isGroundFunction(path) && args.allSatisfy { isGround($0) }
        case .arrayComprehension(let head, let body), .setComprehension(let head, let body):
            return isGround(head) && isGround(body)
        case .objectComprehension(let key, let value, let body):
            return isGround(key) && isGround(value) && isGround(body)
        case .template(let parts):
            return parts.allSatisfy { part in
                if case .expression(let body) = part { return isGround(body) }
                return true
            }
        }
    }

    /// Whether every document `data.<path>` may reach is ground: follows constant string segments down the rule
    /// tree; a rule document, a non-constant segment or the end of the path leaves the subtree below to check.
    private mutating func isGroundDataReference(_ path: [Term]) -> Bool {
        var node = root
        for segment in path {
            if node.hasRules { return isGroundSubtree(node) }
            guard case .scalar(.string(let name)) = segment.kind else { return isGroundSubtree(node) }
            guard let child = node.children[name] else { return true }  // base data only
            node = child
        }
        return isGroundSubtree(node)
    }
}
