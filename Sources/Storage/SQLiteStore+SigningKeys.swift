public import Foundation

extension SQLiteStore: SigningKeyStore {
    public func signingKeys() async throws -> [SigningKeyRecord] {
        try await run { connection in
            try connection.query(
                "SELECT kid, sealed_private_key, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC"
            ).map { row in
                SigningKeyRecord(
                    kid: try Self.text(row, 0), sealedPrivateKey: try Self.text(row, 1), publicJWK: try Self.text(row, 2),
                    createdAt: try Self.date(row, 3), retiredAt: Self.value(row, 4).integer.map(Milliseconds.date))
            }
        }
    }

    public func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool, audit: AuditRecord?)
        async throws -> Bool
    {
        try await run { connection in
            try connection.transaction {
                let active = try connection.query("SELECT kid FROM signing_keys WHERE retired_at IS NULL")
                if onlyIfNone, !active.isEmpty { return false }
                _ = try connection.query("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL", [Self.bind(instant)])
                _ = try connection.query(
                    "INSERT INTO signing_keys (kid, sealed_private_key, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, NULL)",
                    [.text(key.kid), .text(key.sealedPrivateKey), .text(key.publicJWK), Self.bind(key.createdAt)])
                if let audit { _ = try Self.insertAudit(audit, on: connection) }
                return true
            }
        }
    }
}
