/// Why the store could not carry out an operation.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--database` value is not a supported URL (the reason never repeats a password).
    case invalidDatabaseURL(String)
    /// The database could not be opened or reached.
    case unavailable(String)
    /// A query failed.
    case queryFailed(String)
    /// Stored data is not in the expected shape (corruption or a newer schema).
    case corrupt(String)
    /// A row changed under a multi-row update, which was rolled back.
    case conflict(String)
    /// The database was migrated by a newer Assay.
    case schemaTooNew(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let reason):
            return "unsupported database location (\(reason)); use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
        case .unavailable(let reason): return "database unavailable: \(reason)"
        case .queryFailed(let reason): return "database query failed: \(reason)"
        case .corrupt(let reason): return "unexpected data in the database: \(reason)"
        case .conflict(let reason): return "concurrent change, nothing was written: \(reason)"
        case .schemaTooNew(let found, let supported):
            return "the database schema is version \(found) but this assay supports up to \(supported); upgrade assay"
        }
    }
}
