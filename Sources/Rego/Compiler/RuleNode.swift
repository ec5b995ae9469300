/// A node of the virtual document tree: the rules whose static path ends here and the
/// nodes below. Packages, rule names and constant ref-head segments are all nodes.
struct RuleNode: Sendable {
    /// Unique within a policy; keys the per-evaluation document cache.
    var id: Int
    var children: [String: RuleNode] = [:]
    var rules: [CompiledRule] = []
    /// `default p := v`, evaluated when no other rule applies.
    var defaultRule: CompiledRule?
    /// Whether a function is defined at this path (its node has no document).
    var isFunction = false

    init(id: Int) { self.id = id }

    /// Whether any rule defines this node's document.
    var hasRules: Bool { !rules.isEmpty || defaultRule != nil }

    /// The kind of document the node's rules define.
    var kind: Rule.Kind? { rules.first?.kind ?? (defaultRule != nil ? .complete : nil) }

    /// The node at `path` below this one.
    func node(at path: ArraySlice<String>) -> RuleNode? {
        guard let first = path.first else { return self }
        return children[first]?.node(at: path.dropFirst())
    }

    /// Every node in this subtree, this one first.
    func forEachNode(_ visit: (RuleNode) -> Void) {
        visit(self)
        for key in children.keys.sorted() {
            children[key]?.forEachNode(visit)
        }
    }
}

/// All definitions of one user function.
struct FunctionGroup: Sendable {
    var id: Int
    var path: [String]
    var arity: Int
    var rules: [CompiledRule] = []
    var defaultRule: CompiledRule?
}
