/// Compiles parsed modules into a rule tree: resolves names, reorders bodies for safety and
/// runs OPA's static checks (conflicting rules, defaults, arity, recursion).
struct Compiler {
    let builtins: [String: Builtin]
    private var nextID = 0
    private(set) var root: RuleNode
    private(set) var functions: [[String]: FunctionGroup] = [:]
    private var functionArity: [[String]: Int] = [:]
    private var contexts: [PackageContext] = []

    init(builtins: [String: Builtin]) {
        self.builtins = builtins
        root = RuleNode(id: 0)
        nextID = 1
    }

    /// Reuses an already compiled rule tree (for compiling queries against a policy).
    mutating func adopt(root: RuleNode, functions: [[String]: FunctionGroup]) {
        self.root = root
        self.functions = functions
        functionArity = functions.mapValues(\.arity)
    }

    /// The static path of a head: the leading constant string segments, and the rest.
    static func splitHead(_ rule: Rule) -> (path: [String], dynamic: [Term]) {
        var path = [rule.name]
        var rest = rule.head.dropFirst()
        while let first = rest.first, case .scalar(.string(let s)) = first.kind {
            path.append(s)
            rest = rest.dropFirst()
        }
        return (path, Array(rest))
    }

    /// Compiles all modules.
    mutating func compile(_ modules: [Module]) throws(RegoError) {
        var ruleNames: [[String]: Set<String>] = [:]
        for m in modules {
            for r in m.rules { ruleNames[m.package, default: []].insert(r.name) }
        }
        for m in modules {
            var imports: [String: [String]] = [:]
            for i in m.imports where i.path.first == "data" || i.path.first == "input" {
                guard let name = i.boundName else { continue }
                if imports[name] != nil {
                    throw .compile(message: "import must not shadow import \(name)", location: i.location)
                }
                imports[name] = i.path
            }
            contexts.append(PackageContext(package: m.package, ruleNames: ruleNames[m.package] ?? [], imports: imports))
            for r in m.rules where r.kind == .function {
                let path = m.package + Compiler.splitHead(r).path
                if let existing = functionArity[path], existing != r.args.count {
                    throw .type(message: "conflicting rules data.\(path.joined(separator: ".")) found: functions must have the same arity", location: r.location)
                }
                functionArity[path] = r.args.count
            }
        }
        for (m, context) in zip(modules, contexts) {
            try updateNode(m.package) { _ throws(RegoError) in }
            for r in m.rules {
                try add(r, context: context)
            }
        }
        try checkConflicts(root, path: [])
        try RecursionChecker(root: root, functions: functions).check()
    }

    private mutating func add(_ rule: Rule, context: PackageContext) throws(RegoError) {
        let (relative, dynamic) = Compiler.splitHead(rule)
        let path = context.package + relative
        if rule.kind == .function {
            if functions[path] == nil {
                functions[path] = FunctionGroup(id: nextID, path: path, arity: rule.args.count)
                nextID += 1
            }
            if rule.isDefault {
                guard functions[path]?.defaultRule == nil else {
                    throw .type(message: "multiple default rules data.\(path.joined(separator: ".")) found", location: rule.location)
                }
                let compiled = try compileRule(rule, path: path, dynamic: dynamic, context: context)
                functions[path]?.defaultRule = compiled
            } else {
                let compiled = try compileRule(rule, path: path, dynamic: dynamic, context: context)
                functions[path]?.rules.append(compiled)
            }
            markFunctionNode(path)
            return
        }
        if rule.isDefault {
            guard dynamic.isEmpty else {
                throw .type(message: "default rules must not have variables in their head", location: rule.location)
            }
            let compiled = try compileRule(rule, path: path, dynamic: dynamic, context: context)
            try updateNode(path) { node throws(RegoError) in
                guard node.defaultRule == nil else {
                    throw .type(message: "multiple default rules \((["data"] + path).joined(separator: ".")) found", location: rule.location)
                }
                node.defaultRule = compiled
            }
            return
        }
        let compiled = try compileRule(rule, path: path, dynamic: dynamic, context: context)
        try updateNode(path) { node throws(RegoError) in node.rules.append(compiled) }
    }

    /// The value of a constant term.
    static func constant(_ term: Term) -> Value? {
        switch term.kind {
        case .scalar(let v): return v
        case .array(let items):
            var out: [Value] = []
            for i in items {
                guard let v = constant(i) else { return nil }
                out.append(v)
            }
            return .array(out)
        case .set(let items):
            var out: [Value] = []
            for i in items {
                guard let v = constant(i) else { return nil }
                out.append(v)
            }
            return .set(SetValue(out))
        case .object(let entries):
            var pairs: [(Value, Value)] = []
            for e in entries {
                guard let k = constant(e.key), let v = constant(e.value) else { return nil }
                pairs.append((k, v))
            }
            return .object(ObjectValue(pairs))
        default:
            return nil
        }
    }

    private mutating func markFunctionNode(_ path: [String]) {
        try? updateNode(path) { node throws(RegoError) in node.isFunction = true }
    }

    private mutating func updateNode(_ path: [String], _ change: (inout RuleNode) throws(RegoError) -> Void) throws(RegoError) {
        var counter = nextID
        try Compiler.update(&root, path[...], &counter, change)
        nextID = counter + 1
    }

    private static func update(
        _ node: inout RuleNode, _ path: ArraySlice<String>, _ counter: inout Int,
        _ change: (inout RuleNode) throws(RegoError) -> Void
    ) throws(RegoError) {
        guard let first = path.first else {
            try change(&node)
            return
        }
        var child = node.children[first] ?? {
            counter += 1
            return RuleNode(id: counter)
        }()
        node.children[first] = nil
        defer { node.children[first] = child }
        try update(&child, path.dropFirst(), &counter, change)
    }

    /// Compiles one rule and its `else` chain in a shared frame.
    private func compileRule(_ rule: Rule, path: [String], dynamic: [Term], context: PackageContext) throws(RegoError) -> CompiledRule {
        var resolver = Resolver(context: context, builtins: builtins, functions: functionArity)
        resolver.metadata = Compiler.metadata(rule, path: path, package: context.package)
        let top = Scope(parent: nil)
        // An argument that is a template string (`f($"{x}-{y}")`) is computed from the body's bindings, so it
        // becomes a fresh variable (`$` cannot start a Rego name) that each body unifies with the template.
        var args = rule.args
        var argBindings: [Expr] = []
        for (i, a) in args.enumerated() where Compiler.containsTemplate(a) {
            let variable = Term(.variable("$arg\(i)"), a.location)
            args[i] = variable
            argBindings.append(Expr(kind: .unify(variable, a), location: a.location))
        }
        for a in args { try resolver.declare(a, in: top, assignment: false) }
        var resolvedArgs: [Term] = []
        for a in args { resolvedArgs.append(try resolver.resolve(a, in: top)) }
        var argSlots = Set<Int>()
        for a in resolvedArgs { a.slots(into: &argSlots) }
        var chain: [Rule] = [rule]
        var next = rule.elseRule
        while let e = next {
            chain.append(e.rule)
            next = e.rule.elseRule
        }
        struct Part {
            var body: [Expr]
            var value: Term
            var key: Term?
            var dynamic: [Term]
            var location: SourceLocation
        }
        var parts: [Part] = []
        for r in chain {
            let scope = Scope(parent: top)
            var heads = [r.value] + dynamic
            if let key = r.key { heads.append(key) }
            let source = r.body + argBindings
            try resolver.prepare(source, in: scope, extraTerms: heads)
            let body = try resolver.resolveBody(source, in: scope)
            let value = try resolver.resolve(r.value, in: scope)
            let key = try r.key.map { k throws(RegoError) in try resolver.resolve(k, in: scope) }
            var dyn: [Term] = []
            for d in dynamic { dyn.append(try resolver.resolve(d, in: scope)) }
            parts.append(Part(body: body, value: value, key: key, dynamic: dyn, location: r.location))
        }
        let checker = SafetyChecker(functions: functionArity, slotNames: resolver.slotNames)
        var compiled: CompiledRule?
        for part in parts.reversed() {
            let body = try checker.reorder(part.body, globals: argSlots)
            var bound = argSlots
            for e in body { e.allSlots(into: &bound) }
            for e in body { bound.formUnion(checker.outputs(of: e, safe: bound)) }
            for head in [part.value] + part.dynamic + [part.key].compactMap({ $0 }) {
                checker.refOutputs(head, safe: bound, into: &bound)
            }
            for head in [part.value] + part.dynamic + [part.key].compactMap({ $0 }) {
                var vars = Set<Int>()
                head.slots(into: &vars)
                if let slot = vars.subtracting(bound).min() {
                    throw .unsafeVariable(name: resolver.slotNames[slot], location: head.location)
                }
            }
            let checkedHeads = try checkHeadClosures(part.value, checker, bound)
            // `p[k] contains m` builds an object of sets: a partial object whose leaves collect members.
            let kind: Rule.Kind = rule.kind == .partialSet && !part.dynamic.isEmpty ? .partialObject : rule.kind
            compiled = CompiledRule(
                kind: kind, path: path, dynamicHead: part.dynamic, key: part.key, value: checkedHeads,
                args: resolvedArgs, body: body, elseRule: compiled, slotCount: 0, location: part.location)
        }
        guard let first = compiled else { throw .compile(message: "empty rule", location: rule.location) }
        return CompiledRule.withSlots(first, resolver.slotCount)
    }

    /// What `rego.metadata.rule()` and `rego.metadata.chain()` give in `rule`: its annotations (an empty object
    /// without any), and the rule's then the package's path and annotations.
    private static func metadata(_ rule: Rule, path: [String], package: [String]) -> (rule: Value, chain: Value) {
        let pathValue = { (p: [String]) in Value.array((["data"] + p).map(Value.string)) }
        var ruleEntry: [String: Value] = ["path": pathValue(path)]
        if let annotations = rule.annotations { ruleEntry["annotations"] = annotations }
        var chain: [Value] = [.object(ObjectValue(ruleEntry))]
        if let annotations = rule.packageAnnotations {
            chain.append(.object(ObjectValue(["path": pathValue(package), "annotations": annotations])))
        }
        return (rule.annotations ?? .emptyObject, .array(chain))
    }

    /// Whether a term has a template string anywhere in it.
    private static func containsTemplate(_ term: Term) -> Bool {
        switch term.kind {
        case .template: return true
        case .array(let items), .set(let items): return items.contains(where: containsTemplate)
        case .object(let entries): return entries.contains { containsTemplate($0.key) || containsTemplate($0.value) }
        case .ref(let head, let path): return containsTemplate(head) || path.contains(where: containsTemplate)
        default: return false
        }
    }

    private func checkHeadClosures(_ term: Term, _ checker: SafetyChecker, _ bound: Set<Int>) throws(RegoError) -> Term {
        let e = Expr(kind: .term(term), location: term.location)
        let reordered = try checker.reorder([e], globals: bound)
        if case .term(let t) = reordered.first?.kind { return t }
        return term
    }

    /// Compiles a query in its own frame; returns the body and the slot names.
    func compileQuery(_ body: [Expr]) throws(RegoError) -> (body: [Expr], slotNames: [String], topLevel: [String: Int]) {
        var resolver = Resolver(context: .query, builtins: builtins, functions: functionArity)
        let scope = Scope(parent: nil)
        try resolver.prepare(body, in: scope)
        let resolved = try resolver.resolveBody(body, in: scope)
        let checker = SafetyChecker(functions: functionArity, slotNames: resolver.slotNames)
        let reordered = try checker.reorder(resolved, globals: [])
        return (reordered, resolver.slotNames, scope.names)
    }

    /// Rejects nodes whose rules define different kinds of documents.
    private func checkConflicts(_ node: RuleNode, path: [String]) throws(RegoError) {
        if let first = node.rules.first {
            for r in node.rules where r.kind != first.kind {
                throw .type(message: "conflicting rules data.\(path.joined(separator: ".")) found", location: r.location)
            }
            if node.defaultRule != nil, first.kind != .complete {
                throw .type(message: "conflicting rules data.\(path.joined(separator: ".")) found", location: first.location)
            }
            if first.kind == .complete || first.kind == .partialSet, !node.children.isEmpty,
                functions[path] == nil
            {
                let child = node.children.keys.sorted()[0]
                throw .type(message: "rule data.\(path.joined(separator: ".")) conflicts with data.\((path + [child]).joined(separator: "."))", location: first.location)
            }
        }
        if functions[path] != nil, node.hasRules {
            throw .type(message: "conflicting rules data.\(path.joined(separator: ".")) found", location: node.rules.first?.location ?? SourceLocation(file: "", line: 1, column: 1))
        }
        for key in node.children.keys.sorted() {
            if let child = node.children[key] { try checkConflicts(child, path: path + [key]) }
        }
    }
}

extension CompiledRule {
    /// The same rule chain with the frame size set on every link.
    static func withSlots(_ rule: CompiledRule, _ slots: Int) -> CompiledRule {
        CompiledRule(
            kind: rule.kind, path: rule.path, dynamicHead: rule.dynamicHead, key: rule.key, value: rule.value,
            args: rule.args, body: rule.body, elseRule: rule.elseRule.map { withSlots($0, slots) },
            slotCount: slots, location: rule.location)
    }
}
