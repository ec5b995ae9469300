public import Foundation

extension PostgresStore: SigningKeyStore {
    public func signingKeys() async throws -> [SigningKeyRecord] {
        try await wrap {
            var records: [SigningKeyRecord] = []
            for try await (kid, sealed, jwk, createdAt, retiredAt) in try await client.query(
                "SELECT kid, sealed_private_key, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC"
            ).decode((String, String, String, Int64, Int64?).self) {
                records.append(
                    SigningKeyRecord(
                        kid: kid, sealedPrivateKey: sealed, publicJWK: jwk, createdAt: Milliseconds.date(createdAt),
                        retiredAt: retiredAt.map(Milliseconds.date)))
            }
            return records
        }
    }

    public func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool, audit: AuditRecord?)
        async throws -> Bool
    {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE", logger: logger)
                var hasActive = false
                for try await _ in try await connection.query(
                    "SELECT kid FROM signing_keys WHERE retired_at IS NULL", logger: logger
                ).decode(String.self) {
                    hasActive = true
                }
                if onlyIfNone, hasActive { return false }
                try await connection.query(
                    "UPDATE signing_keys SET retired_at = \(Milliseconds.from(instant)) WHERE retired_at IS NULL",
                    logger: logger)
                try await connection.query(
                    """
                    INSERT INTO signing_keys (kid, sealed_private_key, public_jwk, created_at, retired_at)
                    VALUES (\(key.kid), \(key.sealedPrivateKey), \(key.publicJWK), \(Milliseconds.from(key.createdAt)), NULL)
                    """, logger: logger)
                if let audit { _ = try await Self.insertAudit(audit, on: connection, logger: logger) }
                return true
            }
        }
    }
}
