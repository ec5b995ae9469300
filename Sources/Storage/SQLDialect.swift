/// The SQL of one backend, where the two differ, so that a schema is written once for both.
public enum SQLDialect: Sendable, CaseIterable {
    case sqlite
    case postgres

    /// The column type of an instant (milliseconds since the Unix epoch, 64 bits).
    public var timestamp: String {
        switch self {
        case .sqlite: "INTEGER"
        case .postgres: "BIGINT"
        }
    }

    /// A 64-bit primary key the database numbers, increasing and never reused.
    public var serialPrimaryKey: String {
        switch self {
        case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
        case .postgres: "BIGSERIAL PRIMARY KEY"
        }
    }

    /// The suffix of a `CREATE TABLE` whose text primary key is its only key (SQLite stores it without a row id).
    var withoutRowID: String { self == .sqlite ? " WITHOUT ROWID" : "" }

    /// Statements that make `table` append-only: updates and deletes fail with `message`.
    public func appendOnly(_ table: String, message: String) -> [String] {
        switch self {
        case .sqlite:
            [
                """
                CREATE TRIGGER \(table)_append_only_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(message)'); END
                """,
                """
                CREATE TRIGGER \(table)_append_only_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(message)'); END
                """,
            ]
        case .postgres:
            [
                """
                CREATE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(message)'; END $$
                """,
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()
                """,
            ]
        }
    }
}
