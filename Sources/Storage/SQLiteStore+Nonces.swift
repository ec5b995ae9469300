public import Foundation

extension SQLiteStore: NonceStore {
    public func insertNonce(_ value: String, expiresAt: Date) async throws {
        _ = try await run { connection in
            try connection.query("INSERT INTO nonces (value, expires_at) VALUES (?, ?)", [.text(value), Self.bind(expiresAt)])
        }
    }

    public func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus {
        let rows = try await run { connection in
            try connection.query("DELETE FROM nonces WHERE value = ? RETURNING expires_at", [.text(value)])
        }
        guard let expiry = rows.first?.first?.integer else { return .unknown }
        return expiry >= Milliseconds.from(instant) ? .consumed : .expired
    }

    public func deleteExpiredNonces(before instant: Date) async throws -> Int {
        try await run { connection in
            try connection.query("DELETE FROM nonces WHERE expires_at < ? RETURNING value", [Self.bind(instant)]).count
        }
    }
}
