/// One guarded change of one column of one row: applied only if the column still holds ``old`` (or is NULL when
/// ``old`` is nil). Key-encryption-key rotations re-wrap sealed values and re-tag rows with these; a service
/// plug-in contributes rewrites for its own tables.
public struct ColumnRewrite: Sendable, Hashable {
    /// A value of a key column.
    public enum KeyValue: Sendable, Hashable, CustomStringConvertible {
        case text(String)
        case integer(Int64)

        public var description: String {
            switch self {
            case .text(let text): text
            case .integer(let integer): String(integer)
            }
        }
    }

    /// The table (an identifier of lowercase letters and underscores, named by code, never by input).
    public let table: String
    /// The columns that identify the row, and their values.
    public let key: [String: KeyValue]
    /// The column to change.
    public let column: String
    /// The value the column must hold for the change to apply; nil: the column must be NULL.
    public let old: String?
    /// The new value.
    public let new: String

    public init(table: String, key: [String: KeyValue], column: String, old: String?, new: String) {
        self.table = table
        self.key = key
        self.column = column
        self.old = old
        self.new = new
    }

    /// The key columns in a fixed order, with their values.
    var orderedKey: [(column: String, value: KeyValue)] {
        key.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The row, for messages.
    var rowDescription: String {
        "\(table) row " + orderedKey.map { "\($0.column)=\($0.value)" }.joined(separator: ",")
    }

    /// Whether `name` is a plain identifier (so it can be placed in SQL text).
    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { (0x61...0x7a).contains($0) || $0 == 0x5f }
    }

    /// Throws unless every name is a plain identifier and the row has a key.
    func checkIdentifiers() throws {
        guard !key.isEmpty else { throw StoreError.corrupt("a column rewrite of \(table) names no key") }
        for name in [table, column] + key.keys where !Self.isIdentifier(name) {
            throw StoreError.corrupt("'\(name)' is not a table or column name")
        }
    }
}

/// Applies column rewrites all or nothing (key-encryption-key rotation, integrity-tag adoption).
public protocol ColumnRewriteStore: Sendable {
    /// Applies every rewrite in one transaction; throws ``StoreError/conflict(_:)`` and changes nothing if a row no
    /// longer holds the value it replaces. `completing` names integrity adoptions this finishes (see
    /// ``pendingIntegrityAdoptions()``), cleared in the same transaction.
    func rewrite(_ changes: [ColumnRewrite], completing adoptions: [String]) async throws
    /// Tables whose rows predate integrity tags (an upgrade from a schema without them) and must be tagged once by a
    /// service that holds the key-encryption key; an empty tag in any other table is a failure.
    func pendingIntegrityAdoptions() async throws -> Set<String>
}
