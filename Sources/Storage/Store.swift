public import Logging
public import ServiceLifecycle

/// The opened store, whatever the backend: the core store, the backend for plug-ins, and one
/// swift-service-lifecycle `Service` that keeps it running (PostgreSQL's connection pool) and closes it once the
/// services after it in the group have shut down.
public final class Store: Service, Sendable {
    /// The backend.
    public let backend: StoreBackend
    /// The core store.
    public let core: any AssayStore

    init(backend: StoreBackend) {
        self.backend = backend
        core = backend.core
    }

    /// Opens the store at `location`; nothing is created or migrated until ``migrate(plugins:)``.
    public static func open(_ location: DatabaseLocation, sqliteFullSync: Bool = false, logger: Logger) async throws
        -> Store
    {
        switch location {
        case .sqlite(let path):
            return Store(backend: .sqlite(try await SQLiteStore.open(path: path, fullSync: sqliteFullSync)))
        case .postgres(let connection):
            return Store(backend: .postgres(try PostgresStore(connection, logger: logger)))
        }
    }

    /// Creates or upgrades the core schema, then each plug-in's; safe to call from several replicas at once.
    public func migrate(plugins: [PluginSchema] = []) async throws {
        switch backend {
        case .sqlite(let store): try await store.migrate(plugins: plugins)
        case .postgres(let store): try await store.migrate(plugins: plugins)
        }
    }

    /// Runs until graceful shutdown (or cancellation), then closes the store.
    public func run() async throws {
        switch backend {
        case .sqlite(let store):
            try? await gracefulShutdown()
            store.close()
        case .postgres(let store):
            await store.run()
        }
    }

    /// Runs `body` with the store's service running beside it (for commands that use the store outside a service
    /// group), then closes it.
    public func withRunning<T: Sendable>(_ body: @Sendable (Store) async throws -> T) async throws -> T {
        guard case .postgres(let store) = backend else {
            defer { close() }
            return try await body(self)
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await store.run(); return nil }
            defer { group.cancelAll() }
            return try await body(self)
        }
    }

    /// Closes the store (SQLite: once queued work has committed); later calls fail.
    public func close() {
        if case .sqlite(let store) = backend { store.close() }
    }
}
