/// The compiled, immutable form of a set of modules that evaluations share.
struct CompiledPolicy: Sendable {
    let root: RuleNode
    let functions: [[String]: FunctionGroup]
    let builtins: [String: Builtin]
    /// Every node of the tree, by id (nil for ids of function groups).
    let nodes: [RuleNode?]
    /// Which rule documents are ground (``GroundAnalysis``), by node id.
    let groundDocuments: [Bool]

    /// Resolves the data references of the compiled rules (``DocumentResolver``) and analyses them.
    init(root: RuleNode, functions: [[String]: FunctionGroup], builtins: [String: Builtin]) {
        (self.root, self.functions) = DocumentResolver.resolve(root: root, functions: functions)
        self.builtins = builtins
        var nodes: [RuleNode?] = []
        self.root.forEachNode { node in
            if node.id >= nodes.count { nodes.append(contentsOf: repeatElement(nil, count: node.id - nodes.count + 1)) }
            nodes[node.id] = node
        }
        self.nodes = nodes
        groundDocuments = GroundAnalysis.groundDocuments(root: self.root, nodes: nodes, functions: self.functions)
    }

    /// The node with this id.
    func node(_ id: Int) -> RuleNode? {
        id < nodes.count ? nodes[id] : nil
    }

    /// Whether the document at node `id` is ground.
    func isGround(_ id: Int) -> Bool {
        id < groundDocuments.count && groundDocuments[id]
    }
}
