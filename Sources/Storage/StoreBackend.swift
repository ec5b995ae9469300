/// The database behind a ``Store``: what a service plug-in implements its own store protocol against.
public enum StoreBackend: Sendable {
    /// The embedded SQLite file.
    case sqlite(SQLiteStore)
    /// PostgreSQL shared by replicas.
    case postgres(PostgresStore)

    /// The core store of this backend.
    public var core: any AssayStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }
}
