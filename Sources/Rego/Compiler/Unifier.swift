/// Compile-time unification: which slots an `a = b` expression binds, given the bound ones.
struct Unifier {
    let safe: Set<Int>
    private(set) var unified: Set<Int> = []
    private var unknown: [Int: Set<Int>] = [:]

    init(safe: Set<Int>) { self.safe = safe }

    private func isSafe(_ slot: Int) -> Bool { safe.contains(slot) || unified.contains(slot) }

    private func allSafe(_ term: Term) -> Bool {
        var vars = Set<Int>()
        term.slots(into: &vars)
        return vars.allSatisfy(isSafe)
    }

    private mutating func markSafe(_ slot: Int) {
        guard unified.insert(slot).inserted else { return }
        if let pending = unknown.removeValue(forKey: slot) {
            for other in pending { markSafe(other) }
        }
    }

    private mutating func markAllSafe(_ term: Term) {
        var vars = Set<Int>()
        term.slots(into: &vars)
        for v in vars { markSafe(v) }
    }

    private mutating func markUnknown(_ a: Int, _ b: Int) {
        unknown[a, default: []].insert(b)
    }

    /// Whether a term yields a value once its own inputs are bound (refs, calls, closures).
    private func isEvaluable(_ term: Term) -> Bool {
        switch term.kind {
        case .ref(let head, _):
            switch head.kind {
            case .data, .input: return true
            case .local(let slot, _): return isSafe(slot)
            default: return allSafe(head)
            }
        case .builtinCall, .functionCall, .template:
            return allSafe(term)
        case .arrayComprehension, .setComprehension, .objectComprehension, .scalar, .data, .input:
            return true
        default:
            return false
        }
    }

    mutating func unify(_ a: Term, _ b: Term) {
        switch (a.kind, b.kind) {
        case (.local(let x, _), .local(let y, _)):
            if isSafe(y) {
                markSafe(x)
            } else if isSafe(x) {
                markSafe(y)
            } else {
                markUnknown(x, y)
                markUnknown(y, x)
            }
        case (.local(let x, _), .array), (.local(let x, _), .object), (.local(let x, _), .set):
            unifyAll(x, b)
        case (.array, .local(let y, _)), (.object, .local(let y, _)), (.set, .local(let y, _)):
            unifyAll(y, a)
        case (.local(let x, _), _):
            if isEvaluable(b) { markSafe(x) }
        case (_, .local(let y, _)):
            if isEvaluable(a) { markSafe(y) }
        case (.array(let xs), .array(let ys)):
            if xs.count == ys.count {
                for (x, y) in zip(xs, ys) { unify(x, y) }
            }
        case (.object(let xs), .object(let ys)):
            if xs.count == ys.count {
                for x in xs {
                    if let y = ys.first(where: { keyEqual($0.key, x.key) }) { unify(x.value, y.value) }
                }
            }
        case (.array, _), (.object, _), (.set, _):
            if isEvaluable(b) { markAllSafe(a) }
        case (_, .array), (_, .object), (_, .set):
            if isEvaluable(a) { markAllSafe(b) }
        default:
            break
        }
    }

    private func keyEqual(_ a: Term, _ b: Term) -> Bool {
        if let x = a.scalarValue, let y = b.scalarValue { return x == y }
        if case .local(let x, _) = a.kind, case .local(let y, _) = b.kind { return x == y }
        return false
    }

    private mutating func unifyAll(_ slot: Int, _ composite: Term) {
        if isSafe(slot) {
            markAllSafe(composite)
            return
        }
        var vars = Set<Int>()
        composite.slots(into: &vars)
        let unsafeVars = vars.filter { !isSafe($0) }
        if unsafeVars.isEmpty {
            markSafe(slot)
        } else {
            for v in unsafeVars { markUnknown(slot, v) }
        }
    }
}
