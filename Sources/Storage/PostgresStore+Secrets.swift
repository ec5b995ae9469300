import PostgresNIO

extension PostgresStore: SecretStore {
    typealias SecretRow = (String, Int, String, String, String, Int, Int64, Int64, String?)
    static let secretColumns = "path, version, ciphertext, wrapped_key, kek_id, size, created_at, updated_at, mac"

    public func putSecret(_ record: SecretRecord, tagger: any RowTagger, audit: @escaping AuditOfChange<SecretRecord>)
        async throws -> (secret: SecretRecord, audit: AuditRecord)
    {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                let replaced = try await Self.secrets(
                    try await connection.query(
                        "SELECT \(unescaped: Self.secretColumns) FROM secrets WHERE path = \(record.path) FOR UPDATE",
                        logger: logger)
                ).first
                let stored = record.stored(
                    version: (replaced?.version ?? 0) + 1, createdAt: replaced?.createdAt ?? record.updatedAt, tagger: tagger)
                try await connection.query(
                    """
                    INSERT INTO secrets (\(unescaped: Self.secretColumns))
                    VALUES (\(stored.path), \(stored.version), \(stored.ciphertext), \(stored.wrappedKey), \(stored.kekID),
                        \(stored.size), \(Milliseconds.from(stored.createdAt)), \(Milliseconds.from(stored.updatedAt)),
                        \(stored.mac))
                    ON CONFLICT (path) DO UPDATE SET version = EXCLUDED.version, ciphertext = EXCLUDED.ciphertext,
                        wrapped_key = EXCLUDED.wrapped_key, kek_id = EXCLUDED.kek_id, size = EXCLUDED.size,
                        updated_at = EXCLUDED.updated_at, mac = EXCLUDED.mac
                    """, logger: logger)
                return (stored, try await Self.insertAudit(audit(stored, replaced), on: connection, logger: logger))
            }
        }
    }

    public func secret(path: String) async throws -> SecretRecord? {
        try await wrap {
            try await Self.secrets(
                try await client.query("SELECT \(unescaped: Self.secretColumns) FROM secrets WHERE path = \(path)")
            ).first
        }
    }

    public func secrets(under prefix: String?) async throws -> [SecretRecord] {
        try await wrap {
            guard let prefix else {
                return try await Self.secrets(
                    try await client.query("SELECT \(unescaped: Self.secretColumns) FROM secrets ORDER BY path"))
            }
            let below = prefix + "/"
            return try await Self.secrets(
                try await client.query(
                    """
                    SELECT \(unescaped: Self.secretColumns) FROM secrets
                    WHERE path = \(prefix) OR left(path, \(Int32(below.utf8.count))) = \(below) ORDER BY path
                    """))
        }
    }

    public func deleteSecret(path: String, audit: @escaping @Sendable (SecretRecord) -> AuditRecord) async throws
        -> AuditRecord?
    {
        try await deleteAudited(
            "DELETE FROM secrets WHERE path = \(path) RETURNING \(unescaped: Self.secretColumns)", decode: Self.secrets,
            audit: audit)
    }

    static func secrets(_ rows: PostgresRowSequence) async throws -> [SecretRecord] {
        var records: [SecretRecord] = []
        for try await (path, version, ciphertext, wrapped, kekID, size, createdAt, updatedAt, mac) in rows.decode(SecretRow.self) {
            records.append(
                SecretRecord(
                    path: path, version: version, ciphertext: ciphertext, wrappedKey: wrapped, kekID: kekID, size: size,
                    createdAt: Milliseconds.date(createdAt), updatedAt: Milliseconds.date(updatedAt), mac: mac ?? ""))
        }
        return records
    }
}
