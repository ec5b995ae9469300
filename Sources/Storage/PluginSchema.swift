/// The tables of a service plug-in (a TEE's enrollment records, say), as ordered migrations written once for both
/// backends (``SQLDialect`` says where they differ); version N is element N-1. The store applies them after its own,
/// recording them per plug-in, so plug-ins evolve their schemas independently of the core and of each other.
public struct PluginSchema: Sendable {
    /// The plug-in's name (its key in the migration record).
    public let name: String
    /// The migrations in a backend's dialect.
    public let migrations: @Sendable (SQLDialect) -> [[String]]

    public init(name: String, migrations: @escaping @Sendable (SQLDialect) -> [[String]]) {
        self.name = name
        self.migrations = migrations
    }

    /// The migrations for `dialect`.
    func migrations(for dialect: SQLDialect) -> [[String]] { migrations(dialect) }
}
