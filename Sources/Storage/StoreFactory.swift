public import Logging

/// Opens the store for a ``DatabaseLocation``.
public enum StoreFactory {
    /// The opened store, and the service to run alongside the server when the backend needs one (PostgreSQL's
    /// connection pool).
    public static func open(_ location: DatabaseLocation, sqliteFullSync: Bool = false, logger: Logger) async throws
        -> (store: any AssayStore, service: PostgresStore?)
    {
        switch location {
        case .sqlite(let path):
            return (try await SQLiteStore.open(path: path, fullSync: sqliteFullSync), nil)
        case .postgres(let host, let port, let user, let password, let database, let tls):
            let store = try PostgresStore(
                host: host, port: port, user: user, password: password, database: database, tls: tls, logger: logger)
            return (store, store)
        }
    }
}
