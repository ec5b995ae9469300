/// Resolves names in one rule or query: variables to frame slots, free names to `data`/`input`
/// references, and calls to built-ins or user functions (checking arity).
struct Resolver {
    let context: PackageContext
    let builtins: [String: Builtin]
    /// Arity of every user function, by path below `data`.
    let functions: [[String]: Int]
    /// The name of each allocated slot.
    private(set) var slotNames: [String] = []
    /// What `rego.metadata.rule()` and `rego.metadata.chain()` return in the rule being resolved.
    var metadata: (rule: Value, chain: Value)?

    init(context: PackageContext, builtins: [String: Builtin], functions: [[String]: Int]) {
        self.context = context
        self.builtins = builtins
        self.functions = functions
    }

    var slotCount: Int { slotNames.count }

    mutating func newSlot(_ name: String) -> Int {
        slotNames.append(name)
        return slotNames.count - 1
    }

    /// Declares the variables of a pattern (`:=` left side, `some`, function arguments).
    mutating func declare(_ pattern: Term, in scope: Scope, assignment: Bool, at index: Int = -1) throws(RegoError) {
        var failure: RegoError?
        pattern.forEachVariableName { name, location in
            guard failure == nil, name != "_" else { return }
            if assignment, name == "input" || name == "data" {
                failure = .compile(message: "cannot assign to \(name)", location: location)
                return
            }
            if assignment, scope.declared.contains(name) {
                failure = .compile(message: "var \(name) assigned above", location: location)
                return
            }
            if scope.local(name) == nil || !scope.declared.contains(name) {
                scope.bind(name, to: newSlot(name))
            }
            scope.markDeclared(name)
            scope.noteDeclaration(name, at: index)
        }
        if let failure { throw failure }
    }

    /// Allocates slots for the declared and free variables of a body in `scope`.
    mutating func prepare(_ body: [Expr], in scope: Scope, extraTerms: [Term] = []) throws(RegoError) {
        for (index, e) in body.enumerated() {
            switch e.kind {
            case .some(let terms):
                for t in terms { try declare(t, in: scope, assignment: false, at: index) }
            case .assign(let lhs, _):
                try declare(lhs, in: scope, assignment: true, at: index)
            case .someIn(let key, let value, _):
                if let key { try declare(key, in: scope, assignment: false, at: index) }
                try declare(value, in: scope, assignment: false, at: index)
            default:
                break
            }
        }
        var names: [String] = []
        for e in body {
            e.forEachVariableName { name, _ in names.append(name) }
            for w in e.withs where functionReplacement(w) == nil {
                w.value.forEachVariableName { name, _ in names.append(name) }
            }
        }
        for t in extraTerms { t.forEachVariableName { name, _ in names.append(name) } }
        for name in names where name != "_" && scope.lookup(name) == nil {
            if !context.isGlobal(name) {
                scope.bind(name, to: newSlot(name))
            }
        }
    }

    /// Resolves a body whose slots were prepared in `scope`; drops `some` declarations.
    mutating func resolveBody(_ body: [Expr], in scope: Scope) throws(RegoError) -> [Expr] {
        var out: [Expr] = []
        out.reserveCapacity(body.count)
        defer { scope.cursor = Int.max }
        for (index, e) in body.enumerated() {
            scope.cursor = index
            var r = e
            switch e.kind {
            case .some:
                if e.withs.isEmpty, !e.negated { continue }
                r.kind = .term(Term(.scalar(.bool(true)), e.location))
            case .term(let t):
                r.kind = .term(try resolve(t, in: scope))
            case .unify(let a, let b):
                r.kind = .unify(try resolve(a, in: scope), try resolve(b, in: scope))
            case .assign(let a, let b):
                r.kind = .assign(try resolve(a, in: scope), try resolve(b, in: scope))
            case .someIn(let key, let value, let collection):
                r.kind = .someIn(
                    key: try key.map { k throws(RegoError) in try resolve(k, in: scope) },
                    value: try resolve(value, in: scope),
                    collection: try resolve(collection, in: scope))
            case .every(let key, let value, let domain, let inner):
                let child = Scope(parent: scope)
                if let key { try declare(key, in: child, assignment: false) }
                try declare(value, in: child, assignment: false)
                let resolvedDomain = try resolve(domain, in: scope)
                try prepare(inner, in: child)
                r.kind = .every(
                    key: try key.map { k throws(RegoError) in try resolve(k, in: child) },
                    value: try resolve(value, in: child),
                    domain: resolvedDomain,
                    body: try resolveBody(inner, in: child))
            }
            r.withs = []
            for w in e.withs {
                var m = w
                m.resolved = try resolveWithTarget(w.target)
                if let replacement = functionReplacement(w) {
                    m.replacement = replacement
                    m.value = Term(.scalar(.null), w.value.location)
                } else {
                    m.value = try resolve(w.value, in: scope)
                }
                r.withs.append(m)
            }
            out.append(r)
        }
        return out
    }

    /// The dotted name of a call or `with` target: `a.b.c`.
    private func dottedParts(_ term: Term) -> [String]? {
        switch term.kind {
        case .variable(let n):
            return [n]
        case .ref(let head, let path):
            guard case .variable(let n) = head.kind else { return nil }
            var parts = [n]
            for p in path {
                guard case .scalar(.string(let s)) = p.kind else { return nil }
                parts.append(s)
            }
            return parts
        default:
            return nil
        }
    }

    /// The absolute path (from `data`/`input`) a dotted name refers to, through imports and
    /// package rules.
    private func absolutePath(_ parts: [String]) -> [String]? {
        guard let first = parts.first else { return nil }
        if first == "data" || first == "input" { return parts }
        if let imported = context.imports[first] { return imported + parts.dropFirst() }
        if context.ruleNames.contains(first) { return ["data"] + context.package + parts }
        return nil
    }

    /// The function a `with` value names when it replaces a function rather than a document.
    private func functionReplacement(_ modifier: WithModifier) -> FunctionReplacement? {
        guard let targetParts = dottedParts(modifier.target), let valueParts = dottedParts(modifier.value) else {
            return nil
        }
        let targetIsFunction: Bool
        if let path = absolutePath(targetParts), path.first == "data" {
            targetIsFunction = functions[Array(path.dropFirst())] != nil
        } else {
            targetIsFunction = builtins[targetParts.joined(separator: ".")] != nil
        }
        guard targetIsFunction else { return nil }
        if let path = absolutePath(valueParts), path.first == "data", functions[Array(path.dropFirst())] != nil {
            return .function(Array(path.dropFirst()))
        }
        if let builtin = builtins[valueParts.joined(separator: ".")] { return .builtin(builtin) }
        return nil
    }

    private func resolveWithTarget(_ target: Term) throws(RegoError) -> WithTarget {
        guard let parts = dottedParts(target) else {
            throw .compile(message: "with keyword target must reference existing input, data, or a function", location: target.location)
        }
        if let path = absolutePath(parts) {
            let rest = Array(path.dropFirst())
            if path[0] == "input" { return .input(rest) }
            if functions[rest] != nil { return .function(rest) }
            return .data(rest)
        }
        let name = parts.joined(separator: ".")
        if builtins[name] != nil { return .builtin(name) }
        throw .compile(message: "with keyword target must reference existing input, data, or a function", location: target.location)
    }

    /// Resolves one term in `scope`.
    mutating func resolve(_ term: Term, in scope: Scope) throws(RegoError) -> Term {
        let loc = term.location
        switch term.kind {
        case .variable(let name):
            if name == "_" { return Term(.local(newSlot("_"), "_"), loc) }
            if let slot = scope.lookup(name) { return Term(.local(slot, name), loc) }
            if let global = context.global(name, at: loc) { return global }
            return Term(.local(newSlot(name), name), loc)
        case .ref(let head, let path):
            let resolvedHead = try resolve(head, in: scope)
            var resolvedPath: [Term] = []
            for p in path { resolvedPath.append(try resolve(p, in: scope)) }
            if case .ref(let innerHead, let innerPath) = resolvedHead.kind {
                return Term(.ref(innerHead, innerPath + resolvedPath), loc)
            }
            return Term(.ref(resolvedHead, resolvedPath), loc)
        case .array(let items):
            var out: [Term] = []
            for i in items { out.append(try resolve(i, in: scope)) }
            return Self.folded(Term(.array(out), loc))
        case .set(let items):
            var out: [Term] = []
            for i in items { out.append(try resolve(i, in: scope)) }
            return Self.folded(Term(.set(out), loc))
        case .object(let entries):
            var out: [ObjectEntry] = []
            for e in entries {
                out.append(ObjectEntry(key: try resolve(e.key, in: scope), value: try resolve(e.value, in: scope)))
            }
            return Self.folded(Term(.object(out), loc))
        case .call(let function, let args):
            var resolvedArgs: [Term] = []
            for a in args { resolvedArgs.append(try resolve(a, in: scope)) }
            return try resolveCall(function, resolvedArgs, loc)
        case .arrayComprehension(let head, let body):
            let child = Scope(parent: scope)
            try prepare(body, in: child, extraTerms: [head])
            let b = try resolveBody(body, in: child)
            return Term(.arrayComprehension(try resolve(head, in: child), b), loc)
        case .setComprehension(let head, let body):
            let child = Scope(parent: scope)
            try prepare(body, in: child, extraTerms: [head])
            let b = try resolveBody(body, in: child)
            return Term(.setComprehension(try resolve(head, in: child), b), loc)
        case .objectComprehension(let key, let value, let body):
            let child = Scope(parent: scope)
            try prepare(body, in: child, extraTerms: [key, value])
            let b = try resolveBody(body, in: child)
            return Term(.objectComprehension(try resolve(key, in: child), try resolve(value, in: child), b), loc)
        case .template(let parts):
            var out: [TemplatePart] = []
            for part in parts {
                switch part {
                case .text: out.append(part)
                case .expression(let body): out.append(.expression(try resolveBody(body, in: scope)))
                }
            }
            return Term(.template(out), loc)
        case .scalar, .local, .data, .input, .document, .builtinCall, .functionCall:
            return term
        }
    }

    /// A collection literal whose members are all constants, built once here instead of at every evaluation
    /// (the same ``Compiler/constant(_:)`` construction the evaluator would make, so sets and objects dedupe alike).
    static func folded(_ term: Term) -> Term {
        guard let value = Compiler.constant(term) else { return term }
        return Term(.scalar(value), term.location)
    }

    private func resolveCall(_ function: Term, _ args: [Term], _ loc: SourceLocation) throws(RegoError) -> Term {
        guard let parts = dottedParts(function) else {
            throw .type(message: "invalid function reference", location: loc)
        }
        let name = parts.joined(separator: ".")
        if args.isEmpty, let metadata, name == "rego.metadata.rule" || name == "rego.metadata.chain" {
            return Term(.scalar(name == "rego.metadata.rule" ? metadata.rule : metadata.chain), loc)
        }
        if let path = absolutePath(parts), path.first == "data" {
            let rest = Array(path.dropFirst())
            if let arity = functions[rest] {
                guard args.count == arity || args.count == arity + 1 else {
                    throw .type(message: "function \(path.joined(separator: ".")) has arity \(arity), got \(args.count) arguments", location: loc)
                }
                return Term(.functionCall(rest, args), loc)
            }
        }
        if let builtin = builtins[name] {
            guard args.count == builtin.arity || args.count == builtin.arity + 1 else {
                throw .type(message: "\(name): arity mismatch\n\thave: \(args.count) arguments\n\twant: \(builtin.arity) arguments", location: loc)
            }
            return Term(.builtinCall(builtin, args), loc)
        }
        throw .type(message: "undefined function \(name)", location: loc)
    }
}
