import AttestationCore
import Foundation
import Logging
import Storage
import Synchronization
import Tokens

/// The token-signing keys of the service, shared through the store by every replica.
///
/// Private keys are sealed with the key-encryption key in the store. The ring re-reads the store every
/// ``refreshInterval`` so a rotation on one replica reaches the others; retired keys stay in the JWKS until every
/// token they signed has expired.
actor KeyRing {
    let store: any AssayStore
    let clock: any TimeSource
    let tokenLifetime: TimeInterval
    let refreshInterval: TimeInterval
    let logger: Logger

    private var records: [SigningKeyRecord] = []
    private var loadedAt: Date?
    private var opened: [String: TokenSigningKey] = [:]
    private var sealingKey: KeyEncryptionKey?
    /// The active key and the instant it must be looked up again, readable without a hop to the actor (every
    /// attestation signs with it).
    private let active = Mutex<(key: TokenSigningKey, until: Date)?>(nil)

    init(store: any AssayStore, clock: any TimeSource, tokenLifetime: TimeInterval,
         refreshInterval: TimeInterval = 2, logger: Logger) {
        self.store = store
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        self.refreshInterval = refreshInterval
        self.logger = logger
    }

    /// Creates the first key if the store has none (replicas racing here create one between them), then checks
    /// that the key-encryption key opens the active key: a wrong KEK fails start-up, loudly.
    func prepare(kek: KeyEncryptionKey) async throws {
        sealingKey = kek
        if try await store.signingKeys().first(where: \.isActive) == nil {
            let created = try await store.activateSigningKey(try newRecord(), at: clock.now(), onlyIfNone: true)
            if created { logger.notice("created the first token-signing key") }
        }
        try await reload()
        _ = try signingKey()
    }

    /// The key that signs new tokens.
    nonisolated func currentKey() async throws -> TokenSigningKey {
        if let cached = active.withLock({ $0 }), clock.now() < cached.until { return cached.key }
        return try await refreshedKey()
    }

    private func refreshedKey() async throws -> TokenSigningKey {
        try await refreshIfStale()
        let key = try signingKey()
        let until = (loadedAt ?? clock.now()).addingTimeInterval(refreshInterval)
        active.withLock { $0 = (key, until) }
        return key
    }

    /// The public keys relying parties need: the active key and retired keys whose tokens may still be valid.
    func jwks() async throws -> JWKS {
        try await refreshIfStale()
        let cutoff = clock.now().addingTimeInterval(-(tokenLifetime + 60))
        let keys = try records.filter { $0.retiredAt.map { $0 > cutoff } ?? true }.map { record in
            try JWK(json: try JSONValue(parsing: record.publicJWK))
        }
        return JWKS(keys: keys)
    }

    /// Every key with its state, for the admin API.
    func describe() async throws -> [JSONValue] {
        try await reload()
        return records.map { record in
            .object([
                "kid": .string(record.kid), "created_at": .string(RFC3339.format(record.createdAt)),
                "retired_at": record.retiredAt.map { .string(RFC3339.format($0)) } ?? .null,
                "active": .bool(record.isActive),
            ])
        }
    }

    /// Makes a new key active and retires the current one; returns the new kid.
    func rotate() async throws -> String {
        let record = try newRecord()
        _ = try await store.activateSigningKey(record, at: clock.now(), onlyIfNone: false)
        try await reload()
        logger.notice("rotated the token-signing key", metadata: ["kid": "\(record.kid)"])
        return record.kid
    }

    /// The key-encryption key, once ``prepare(kek:)`` ran.
    var kek: KeyEncryptionKey {
        get throws {
            guard let sealingKey else { throw StoreError.unavailable("the key ring is not prepared yet") }
            return sealingKey
        }
    }

    func newRecord() throws -> SigningKeyRecord {
        let key = TokenSigningKey()
        return SigningKeyRecord(
            kid: key.kid,
            sealedPrivateKey: try kek.seal(Array(key.privateKey.derRepresentation), context: KeyEncryptionKey.signingKeyContext(kid: key.kid)),
            publicJWK: key.jwk.json.compactText, createdAt: clock.now(), retiredAt: nil)
    }

    func refreshIfStale() async throws {
        if let loadedAt, clock.now().timeIntervalSince(loadedAt) < refreshInterval { return }
        try await reload()
    }

    func reload() async throws {
        records = try await store.signingKeys()
        loadedAt = clock.now()
        active.withLock { $0 = nil }
    }

    func signingKey() throws -> TokenSigningKey {
        guard let active = records.first(where: \.isActive) else {
            throw StoreError.corrupt("no active token-signing key; restart assay serve to create one")
        }
        if let key = opened[active.kid] { return key }
        let der = try kek.open(active.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: active.kid))
        let key = try TokenSigningKey(privateKey: .init(derRepresentation: der))
        guard key.kid == active.kid else { throw StoreError.corrupt("signing key \(active.kid) does not match its kid") }
        opened[active.kid] = key
        return key
    }
}
