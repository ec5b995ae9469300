extension SQLiteStore: SecretStore {
    static let secretColumns = "path, version, ciphertext, wrapped_key, kek_id, size, created_at, updated_at, mac"

    public func putSecret(_ record: SecretRecord, tagger: any RowTagger, audit: @escaping AuditOfChange<SecretRecord>)
        async throws -> (secret: SecretRecord, audit: AuditRecord)
    {
        try await run { connection in
            try connection.transaction {
                let replaced = try Self.secret(path: record.path, on: connection)
                let stored = record.stored(
                    version: (replaced?.version ?? 0) + 1, createdAt: replaced?.createdAt ?? record.updatedAt, tagger: tagger)
                _ = try connection.query(
                    """
                    INSERT INTO secrets (\(Self.secretColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET version = excluded.version, ciphertext = excluded.ciphertext,
                        wrapped_key = excluded.wrapped_key, kek_id = excluded.kek_id, size = excluded.size,
                        updated_at = excluded.updated_at, mac = excluded.mac
                    """,
                    [.text(stored.path), .integer(Int64(stored.version)), .text(stored.ciphertext), .text(stored.wrappedKey),
                     .text(stored.kekID), .integer(Int64(stored.size)), Self.bind(stored.createdAt),
                     Self.bind(stored.updatedAt), .text(stored.mac)])
                return (stored, try Self.insertAudit(audit(stored, replaced), on: connection))
            }
        }
    }

    public func secret(path: String) async throws -> SecretRecord? {
        try await run { connection in try Self.secret(path: path, on: connection) }
    }

    public func secrets(under prefix: String?) async throws -> [SecretRecord] {
        try await run { connection in
            guard let prefix else {
                return try connection.query("SELECT \(Self.secretColumns) FROM secrets ORDER BY path").map(Self.secret)
            }
            let below = prefix + "/"
            return try connection.query(
                "SELECT \(Self.secretColumns) FROM secrets WHERE path = ? OR substr(path, 1, ?) = ? ORDER BY path",
                [.text(prefix), .integer(Int64(below.utf8.count)), .text(below)]
            ).map(Self.secret)
        }
    }

    public func deleteSecret(path: String, audit: @escaping @Sendable (SecretRecord) -> AuditRecord) async throws
        -> AuditRecord?
    {
        try await deleteAudited(
            "DELETE FROM secrets WHERE path = ? RETURNING \(Self.secretColumns)", [.text(path)], decode: Self.secret,
            audit: audit)
    }

    static func secret(path: String, on connection: SQLiteConnection) throws -> SecretRecord? {
        try connection.query("SELECT \(secretColumns) FROM secrets WHERE path = ?", [.text(path)]).first.map(secret)
    }

    static func secret(_ row: [SQLiteValue]) throws -> SecretRecord {
        SecretRecord(
            path: try text(row, 0), version: Int(try integer(row, 1)), ciphertext: try text(row, 2),
            wrappedKey: try text(row, 3), kekID: try text(row, 4), size: Int(try integer(row, 5)),
            createdAt: try date(row, 6), updatedAt: try date(row, 7), mac: value(row, 8).text ?? "")
    }
}
