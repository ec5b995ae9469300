public import Foundation

/// Single-use challenge nonces shared by every replica.
public protocol NonceStore: Sendable {
    /// Records an issued nonce.
    func insertNonce(_ value: String, expiresAt: Date) async throws
    /// Consumes a nonce atomically: exactly one caller across all replicas gets `.consumed`.
    func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus
    /// Deletes nonces that expired before `instant`; returns how many.
    func deleteExpiredNonces(before instant: Date) async throws -> Int
}
