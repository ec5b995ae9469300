public import Foundation

/// The service's token-signing keys, sealed by the key-encryption key; one is active at a time.
public protocol SigningKeyStore: Sendable {
    /// Every signing key, newest first.
    func signingKeys() async throws -> [SigningKeyRecord]
    /// Makes `key` the active signing key, retiring the current one at `instant`, and appends `audit` when given
    /// (one transaction). When `onlyIfNone` is set and an active key exists, nothing changes and false is returned.
    func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool, audit: AuditRecord?)
        async throws -> Bool
}
