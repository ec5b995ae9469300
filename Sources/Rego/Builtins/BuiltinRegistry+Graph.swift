/// graph.reachable and graph.reachable_paths over an adjacency object (`{node: set or array of neighbours}`).
extension BuiltinRegistry {
    /// The neighbours of `node`, or nil when the graph has no such node; anything but an array or set has none.
    private static func neighbours(_ graph: ObjectValue, _ node: Value) -> [Value]? {
        guard let edges = graph[node] else { return nil }
        switch edges {
        case .array(let items): return items
        case .set(let s): return s.elements
        default: return []
        }
    }

    /// The start nodes: an array or a set.
    private static func startNodes(_ a: Operands) throws(RegoError) -> [Value] {
        switch a[1] {
        case .array(let items): return items
        case .set(let s): return s.elements
        default: throw a.typeError(1, "one of {set, array}")
        }
    }

    /// The nodes reachable from the start nodes, those included; a node the graph does not list is not reached.
    private static func reachable(_ a: Operands, _ ctx: BuiltinContext) throws(RegoError) -> Value {
        let graph = try a.object(0)
        var reached = SetValue()
        var queue = try startNodes(a)
        var next = 0
        while next < queue.count {
            try ctx.budget.tick()
            let node = queue[next]
            next += 1
            guard !reached.contains(node), let edges = neighbours(graph, node) else { continue }
            try ctx.budget.grow(members: reached.count)
            reached.insert(node)
            try ctx.reserve(members: edges.count)
            queue.append(contentsOf: edges)
        }
        return .set(reached)
    }

    /// Every maximal simple path from each start node: a path ends at a node without neighbours, before a node
    /// already on it (a cycle) and before a node the graph does not list. Walked with an explicit stack, each path
    /// counted against the evaluation's budget as it is made (a graph can have exponentially many).
    private static func reachablePaths(_ a: Operands, _ ctx: BuiltinContext) throws(RegoError) -> Value {
        let graph = try a.object(0)
        var stack: [[Value]] = []
        for node in try startNodes(a) where graph[node] != nil {
            try ctx.reserve(members: 1)
            stack.append([node])
        }
        var paths = SetValue()
        func finish(_ path: [Value]) throws(RegoError) {
            try ctx.budget.grow(members: paths.count)
            paths.insert(.array(path))
        }
        while let path = stack.popLast() {
            try ctx.budget.tick()
            guard let last = path.last, let edges = neighbours(graph, last), !edges.isEmpty else {
                try finish(path)
                continue
            }
            for node in edges.reversed() {
                try ctx.budget.tick()
                if graph[node] == nil || path.contains(node) {
                    try finish(path)
                } else {
                    try ctx.reserve(members: path.count + 1)
                    stack.append(path + [node])
                }
            }
        }
        return .set(paths)
    }

    static let graph: [Builtin] = [
        define("graph.reachable", 2) { a, ctx in try reachable(a, ctx) },
        define("graph.reachable_paths", 2) { a, ctx in try reachablePaths(a, ctx) },
    ]
}
