public import Foundation

extension PostgresStore: NonceStore {
    public func insertNonce(_ value: String, expiresAt: Date) async throws {
        try await wrap {
            try await client.query("INSERT INTO nonces (value, expires_at) VALUES (\(value), \(Milliseconds.from(expiresAt)))")
        }
    }

    public func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus {
        try await wrap {
            for try await expiry in try await client.query(
                "DELETE FROM nonces WHERE value = \(value) RETURNING expires_at"
            ).decode(Int64.self) {
                return expiry >= Milliseconds.from(instant) ? .consumed : .expired
            }
            return .unknown
        }
    }

    public func deleteExpiredNonces(before instant: Date) async throws -> Int {
        try await deletedCount("DELETE FROM nonces WHERE expires_at < \(Milliseconds.from(instant)) RETURNING value")
    }
}
