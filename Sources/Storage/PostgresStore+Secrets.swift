public import Foundation
import PostgresNIO

extension PostgresStore {
    typealias SecretRow = (String, Int, String, String, String, Int, Int64, Int64)

    public func putSecret(_ record: SecretRecord) async throws -> SecretRecord {
        try await wrap {
            let at = Milliseconds.from(record.updatedAt)
            for try await (version, createdAt) in try await client.query(
                """
                INSERT INTO secrets (path, version, ciphertext, wrapped_key, kek_id, size, created_at, updated_at)
                VALUES (\(record.path), 1, \(record.ciphertext), \(record.wrappedKey), \(record.kekID), \(record.size),
                    \(at), \(at))
                ON CONFLICT (path) DO UPDATE SET version = secrets.version + 1, ciphertext = EXCLUDED.ciphertext,
                    wrapped_key = EXCLUDED.wrapped_key, kek_id = EXCLUDED.kek_id, size = EXCLUDED.size,
                    updated_at = EXCLUDED.updated_at
                RETURNING version, created_at
                """
            ).decode((Int, Int64).self) {
                return SecretRecord(
                    path: record.path, version: version, ciphertext: record.ciphertext, wrappedKey: record.wrappedKey,
                    kekID: record.kekID, size: record.size, createdAt: Milliseconds.date(createdAt),
                    updatedAt: record.updatedAt)
            }
            throw StoreError.corrupt("secret insert returned no version")
        }
    }

    public func secret(path: String) async throws -> SecretRecord? {
        try await wrap { try await secrets(where: "WHERE path = \(path)").first }
    }

    public func secrets(under prefix: String?) async throws -> [SecretRecord] {
        try await wrap {
            guard let prefix else { return try await secrets(where: "") }
            let below = prefix + "/"
            return try await secrets(where: "WHERE path = \(prefix) OR left(path, \(Int32(below.utf8.count))) = \(below)")
        }
    }

    func secrets(where condition: PostgresQuery) async throws -> [SecretRecord] {
        var query: PostgresQuery =
            "SELECT path, version, ciphertext, wrapped_key, kek_id, size, created_at, updated_at FROM secrets "
        query.sql += condition.sql
        query.binds = condition.binds
        query.sql += " ORDER BY path"
        var records: [SecretRecord] = []
        for try await (path, version, ciphertext, wrapped, kekID, size, createdAt, updatedAt) in try await client.query(query)
            .decode(SecretRow.self)
        {
            records.append(
                SecretRecord(
                    path: path, version: version, ciphertext: ciphertext, wrappedKey: wrapped, kekID: kekID, size: size,
                    createdAt: Milliseconds.date(createdAt), updatedAt: Milliseconds.date(updatedAt)))
        }
        return records
    }

    public func deleteSecret(path: String) async throws -> Bool {
        try await wrap {
            for try await _ in try await client.query("DELETE FROM secrets WHERE path = \(path) RETURNING path")
                .decode(String.self)
            {
                return true
            }
            return false
        }
    }

    public func putResourcePolicy(prefix: String, text: String, sha256: String, at instant: Date) async throws
        -> PolicyRecord
    {
        try await wrap {
            for try await version in try await client.query(
                """
                INSERT INTO resource_policies (prefix, version, text, sha256, updated_at)
                VALUES (\(prefix), 1, \(text), \(sha256), \(Milliseconds.from(instant)))
                ON CONFLICT (prefix) DO UPDATE SET version = resource_policies.version + 1, text = EXCLUDED.text,
                    sha256 = EXCLUDED.sha256, updated_at = EXCLUDED.updated_at
                RETURNING version
                """
            ).decode(Int.self) {
                return PolicyRecord(id: prefix, version: version, text: text, sha256: sha256, updatedAt: instant)
            }
            throw StoreError.corrupt("resource policy insert returned no version")
        }
    }

    public func resourcePolicies() async throws -> [PolicyRecord] {
        try await wrap {
            var records: [PolicyRecord] = []
            for try await (prefix, version, text, sha256, updatedAt) in try await client.query(
                "SELECT prefix, version, text, sha256, updated_at FROM resource_policies ORDER BY prefix"
            ).decode((String, Int, String, String, Int64).self) {
                records.append(
                    PolicyRecord(id: prefix, version: version, text: text, sha256: sha256, updatedAt: Milliseconds.date(updatedAt)))
            }
            return records
        }
    }

    public func deleteResourcePolicy(prefix: String) async throws -> Bool {
        try await wrap {
            for try await _ in try await client.query(
                "DELETE FROM resource_policies WHERE prefix = \(prefix) RETURNING prefix"
            ).decode(String.self) {
                return true
            }
            return false
        }
    }

    public func rewrapSealedKeys(_ change: SealedKeyRewrap) async throws {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                for key in change.signingKeys {
                    try await updateOne(
                        """
                        UPDATE signing_keys SET sealed_private_key = \(key.new)
                        WHERE kid = \(key.kid) AND sealed_private_key = \(key.old) RETURNING kid
                        """, on: connection, naming: "signing key \(key.kid)")
                }
                for key in change.secretKeys {
                    try await updateOne(
                        """
                        UPDATE secrets SET wrapped_key = \(key.new), kek_id = \(key.kekID)
                        WHERE path = \(key.path) AND wrapped_key = \(key.old) RETURNING path
                        """, on: connection, naming: "secret \(key.path)")
                }
                for secret in change.enrollmentSecrets {
                    try await updateOne(
                        """
                        UPDATE tpm_enrollments SET sealed_secret = \(secret.new), kek_id = \(secret.kekID)
                        WHERE id = \(secret.id) AND sealed_secret = \(secret.old) RETURNING id
                        """, on: connection, naming: "pending TPM enrollment \(secret.id)")
                }
            }
        }
    }

    /// Runs an `UPDATE … RETURNING` that must change one row; throws ``StoreError/conflict(_:)`` naming `what`
    /// when the row changed or vanished meanwhile.
    func updateOne(_ query: PostgresQuery, on connection: PostgresConnection, naming what: String) async throws {
        for try await _ in try await connection.query(query, logger: logger).decode(String.self) { return }
        throw StoreError.conflict("\(what) changed or vanished")
    }
}
