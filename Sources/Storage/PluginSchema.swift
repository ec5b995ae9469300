/// The tables of a service plug-in (a TEE's enrollment records, say), as ordered migrations for each backend;
/// version N is element N-1. The store applies them after its own, recording them per plug-in, so plug-ins evolve
/// their schemas independently of the core and of each other.
public struct PluginSchema: Sendable, Hashable {
    /// The plug-in's name (its key in the migration record).
    public let name: String
    /// Migrations for SQLite.
    public let sqlite: [[String]]
    /// Migrations for PostgreSQL.
    public let postgres: [[String]]

    public init(name: String, sqlite: [[String]], postgres: [[String]]) {
        self.name = name
        self.sqlite = sqlite
        self.postgres = postgres
    }
}
