/// The document of a node whose rules have variables in their heads (`p[k].x := v`, `p[k] contains m`), built
/// one rule result at a time, together with its child nodes' documents.
///
/// A rule's value is a leaf: another result may only repeat it, never merge into it or below it (OPA's conflict
/// error), while the objects the head's keys create along the way merge freely. A multi-value head
/// (`p[k] contains m`) makes a set leaf, which collects members from every rule and child that contribute to it.
struct PartialObjectDocument {
    private(set) var object = ObjectValue()
    /// Paths where a rule put its value.
    private var leaves: Set<[Value]> = []
    /// The leaves that are sets of members.
    private var setLeaves: Set<[Value]> = []
    let location: SourceLocation

    init(location: SourceLocation) {
        self.location = location
    }

    private enum Contribution {
        case value(Value)
        case member(Value)
        case document(Value)
    }

    /// Adds a rule's value under `keys`.
    mutating func add(_ keys: [Value], value: Value) throws(RegoError) {
        try contribute(keys[...], .value(value))
    }

    /// Adds a member to the set under `keys`.
    mutating func add(_ keys: [Value], member: Value) throws(RegoError) {
        try contribute(keys[...], .member(member))
    }

    /// Merges a child node's document under its name.
    mutating func merge(child name: String, document: Value) throws(RegoError) {
        try contribute([.string(name)][...], .document(document))
    }

    /// Places a contribution in the object, moved out of `self` meanwhile so that it is changed in place.
    private mutating func contribute(_ keys: ArraySlice<Value>, _ contribution: Contribution) throws(RegoError) {
        var target = ObjectValue()
        swap(&target, &object)
        defer { swap(&target, &object) }
        try place(&target, keys, [], contribution)
    }

    private var conflict: RegoError { .conflict(message: "object keys must be unique", location: location) }

    private mutating func place(
        _ target: inout ObjectValue, _ keys: ArraySlice<Value>, _ prefix: [Value], _ contribution: Contribution
    ) throws(RegoError) {
        guard let key = keys.first else { return }
        let path = prefix + [key]
        let existing = target[key]
        if keys.count > 1 {
            guard !leaves.contains(path) else { throw conflict }
            var inner: ObjectValue
            switch existing {
            case nil: inner = ObjectValue()
            case .object(let o)?: inner = o
            default: throw conflict
            }
            try place(&inner, keys.dropFirst(), path, contribution)
            target.set(key, .object(inner))
            return
        }
        switch contribution {
        case .value(let v):
            if let existing, existing != v { throw conflict }
            target.set(key, v)
            leaves.insert(path)
        case .member(let m):
            switch existing {
            case nil:
                target.set(key, .set(SetValue([m])))
                leaves.insert(path)
                setLeaves.insert(path)
            case .set(var s)? where setLeaves.contains(path):
                s.insert(m)
                target.set(key, .set(s))
            default:
                throw conflict
            }
        case .document(let d):
            switch (existing, d) {
            case (nil, _):
                target.set(key, d)
            case (let e?, _) where e == d:
                break
            case (.object(var inner)?, .object(let incoming)) where !leaves.contains(path):
                for (k, v) in incoming.pairs { try place(&inner, [k][...], path, .document(v)) }
                target.set(key, .object(inner))
            case (.set(let s)?, .set(let incoming)) where setLeaves.contains(path):
                target.set(key, .set(s.union(incoming)))
            default:
                throw conflict
            }
        }
    }
}
