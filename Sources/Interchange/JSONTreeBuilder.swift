/// Makes the nodes of one JSON value model from what ``JSONReader`` reads.
///
/// AttestationCore's `JSONValue` (integers as `Int64`, duplicate names refused) and Rego's `Value` (exact decimal
/// numbers, the last duplicate wins, as OPA does) are two models read by the one reader.
public protocol JSONTreeBuilder {
    /// The value a reader produces.
    associatedtype Node

    /// Whether an object may name a member twice; when it may, ``makeObject(_:)`` receives both.
    var allowsDuplicateMembers: Bool { get }

    func makeNull() -> Node
    func makeBool(_ value: Bool) -> Node
    func makeString(_ value: String) -> Node
    /// A number from its text (RFC 8259 grammar, already checked); `isInteger` when it has no fraction or exponent.
    /// Nil when the model cannot represent it.
    func makeNumber(_ text: String, isInteger: Bool) -> Node?
    func makeArray(_ elements: [Node]) -> Node
    /// An object, members in document order.
    func makeObject(_ members: [(name: String, value: Node)]) -> Node
}
