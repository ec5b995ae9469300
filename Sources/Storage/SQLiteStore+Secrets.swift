public import Foundation

extension SQLiteStore {
    static let secretColumns = "path, version, ciphertext, wrapped_key, kek_id, size, created_at, updated_at"

    public func putSecret(_ record: SecretRecord) async throws -> SecretRecord {
        try await run { connection in
            try connection.transaction {
                let previous = try connection.query(
                    "SELECT version, created_at FROM secrets WHERE path = ?", [.text(record.path)]
                ).first
                let version = (previous.flatMap { Self.value($0, 0).integer } ?? 0) + 1
                let createdAt = previous.flatMap { Self.value($0, 1).integer } ?? Milliseconds.from(record.updatedAt)
                _ = try connection.query(
                    """
                    INSERT INTO secrets (\(Self.secretColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET version = excluded.version, ciphertext = excluded.ciphertext,
                        wrapped_key = excluded.wrapped_key, kek_id = excluded.kek_id, size = excluded.size,
                        updated_at = excluded.updated_at
                    """,
                    [.text(record.path), .integer(version), .text(record.ciphertext), .text(record.wrappedKey),
                     .text(record.kekID), .integer(Int64(record.size)), .integer(createdAt),
                     .integer(Milliseconds.from(record.updatedAt))])
                return SecretRecord(
                    path: record.path, version: Int(version), ciphertext: record.ciphertext, wrappedKey: record.wrappedKey,
                    kekID: record.kekID, size: record.size, createdAt: Milliseconds.date(createdAt),
                    updatedAt: record.updatedAt)
            }
        }
    }

    public func secret(path: String) async throws -> SecretRecord? {
        try await run { connection in
            try connection.query("SELECT \(Self.secretColumns) FROM secrets WHERE path = ?", [.text(path)])
                .first.map(Self.secret)
        }
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

    public func deleteSecret(path: String) async throws -> Bool {
        try await run { connection in
            try !connection.query("DELETE FROM secrets WHERE path = ? RETURNING path", [.text(path)]).isEmpty
        }
    }

    public func putResourcePolicy(prefix: String, text: String, sha256: String, at instant: Date) async throws
        -> PolicyRecord
    {
        try await run { connection in
            let rows = try connection.query(
                """
                INSERT INTO resource_policies (prefix, version, text, sha256, updated_at) VALUES (?, 1, ?, ?, ?)
                ON CONFLICT (prefix) DO UPDATE SET version = resource_policies.version + 1, text = excluded.text,
                    sha256 = excluded.sha256, updated_at = excluded.updated_at
                RETURNING version
                """, [.text(prefix), .text(text), .text(sha256), .integer(Milliseconds.from(instant))])
            let version = Int(try Self.integer(rows.first ?? [], 0))
            return PolicyRecord(id: prefix, version: version, text: text, sha256: sha256, updatedAt: instant)
        }
    }

    public func resourcePolicies() async throws -> [PolicyRecord] {
        try await run { connection in
            try connection.query("SELECT prefix, version, text, sha256, updated_at FROM resource_policies ORDER BY prefix")
                .map(Self.policy)
        }
    }

    public func deleteResourcePolicy(prefix: String) async throws -> Bool {
        try await run { connection in
            try !connection.query("DELETE FROM resource_policies WHERE prefix = ? RETURNING prefix", [.text(prefix)]).isEmpty
        }
    }

    public func rewrapSealedKeys(_ change: SealedKeyRewrap) async throws {
        try await run { connection in
            try connection.transaction {
                for key in change.signingKeys {
                    let updated = try connection.query(
                        "UPDATE signing_keys SET sealed_private_key = ? WHERE kid = ? AND sealed_private_key = ? RETURNING kid",
                        [.text(key.new), .text(key.kid), .text(key.old)])
                    guard !updated.isEmpty else { throw StoreError.conflict("signing key \(key.kid) changed or vanished") }
                }
                for key in change.secretKeys {
                    let updated = try connection.query(
                        "UPDATE secrets SET wrapped_key = ?, kek_id = ? WHERE path = ? AND wrapped_key = ? RETURNING path",
                        [.text(key.new), .text(key.kekID), .text(key.path), .text(key.old)])
                    guard !updated.isEmpty else { throw StoreError.conflict("secret \(key.path) changed or vanished") }
                }
                for secret in change.enrollmentSecrets {
                    let updated = try connection.query(
                        "UPDATE tpm_enrollments SET sealed_secret = ?, kek_id = ? WHERE id = ? AND sealed_secret = ? RETURNING id",
                        [.text(secret.new), .text(secret.kekID), .text(secret.id), .text(secret.old)])
                    guard !updated.isEmpty else {
                        throw StoreError.conflict("pending TPM enrollment \(secret.id) changed or vanished")
                    }
                }
            }
        }
    }

    static func secret(_ row: [SQLiteValue]) throws -> SecretRecord {
        SecretRecord(
            path: try text(row, 0), version: Int(try integer(row, 1)), ciphertext: try text(row, 2),
            wrappedKey: try text(row, 3), kekID: try text(row, 4), size: Int(try integer(row, 5)),
            createdAt: Milliseconds.date(try integer(row, 6)), updatedAt: Milliseconds.date(try integer(row, 7)))
    }
}
