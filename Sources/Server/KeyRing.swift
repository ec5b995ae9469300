import AttestationCore
import Foundation
import Logging
import Storage
import Synchronization
import Tokens

/// The token-signing keys of the service, shared through the store by every replica.
///
/// Private keys are sealed with the key-encryption key in the store, bound to their kid. The published keys (JWKS)
/// are derived from the sealed private keys, never read from a column: someone who can write the database but not
/// read the KEK cannot slip a key of their own into the JWKS, since a key that does not open is left out (and
/// counted as an integrity failure). The ring re-reads the store every ``refreshInterval`` so a rotation on one
/// replica reaches the others; retired keys stay in the JWKS until every token they signed has expired.
actor KeyRing {
    let store: any SigningKeyStore
    let clock: any TimeSource
    let tokenLifetime: TimeInterval
    let refreshInterval: TimeInterval
    let metrics: ServerMetrics
    let logger: Logger

    private var records: [SigningKeyRecord] = []
    private var loadedAt: Date?
    /// Opened keys by kid and sealed value (a key re-sealed under a new KEK is opened again).
    private var opened: [String: (sealed: String, key: TokenSigningKey)] = [:]
    private var sealingKey: KeyEncryptionKey?
    /// The active key and the instant it must be looked up again, readable without a hop to the actor (every
    /// attestation signs with it).
    private let active = Mutex<(key: TokenSigningKey, until: Date)?>(nil)

    init(
        store: any SigningKeyStore, clock: any TimeSource, tokenLifetime: TimeInterval, refreshInterval: TimeInterval = 2,
        metrics: ServerMetrics, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        self.refreshInterval = refreshInterval
        self.metrics = metrics
        self.logger = logger
    }

    /// Creates the first key if `store` has none (replicas racing here create one between them), then checks that
    /// `kek` opens the active key: a wrong KEK fails start-up, loudly.
    static func createFirstKey(
        in store: any SigningKeyStore, kek: KeyEncryptionKey, clock: any TimeSource, logger: Logger
    ) async throws {
        if try await store.signingKeys().first(where: \.isActive) == nil {
            let created = try await store.activateSigningKey(
                try newRecord(kek: kek, at: clock.now()), at: clock.now(), onlyIfNone: true, audit: nil)
            if created { logger.notice("created the first token-signing key") }
        }
        guard let active = try await store.signingKeys().first(where: \.isActive) else {
            throw StoreError.corrupt("no active token-signing key after creating one")
        }
        do { _ = try kek.open(active.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: active.kid)) } catch {
            throw ConfigurationError(
                setting: "kek", source: "the key-encryption key",
                reason: "it does not open the active token-signing key \(active.kid): start with the KEK the database was sealed with")
        }
    }

    /// Gives the ring the key-encryption key (after ``createFirstKey(in:kek:clock:logger:)``).
    func prepare(kek: KeyEncryptionKey) {
        sealingKey = kek
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

    /// The public keys relying parties need: the active key and retired keys whose tokens may still be valid,
    /// each derived from its sealed private key.
    func jwks() async throws -> JWKS {
        try await refreshIfStale()
        let cutoff = clock.now().addingTimeInterval(-(tokenLifetime + 60))
        return JWKS(keys: records.filter { $0.retiredAt.map { $0 > cutoff } ?? true }.compactMap { try? open($0).jwk })
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

    /// Makes a new key active and retires the current one, with the audit record `audit` makes (one
    /// transaction); returns the new kid.
    func rotate(audit: @Sendable (_ kid: String, _ at: Date) -> AuditRecord) async throws -> String {
        let record = try newRecord()
        let now = clock.now()
        _ = try await store.activateSigningKey(record, at: now, onlyIfNone: false, audit: audit(record.kid, now))
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
        try Self.newRecord(kek: try kek, at: clock.now())
    }

    /// A new signing key, sealed with `kek`.
    static func newRecord(kek: KeyEncryptionKey, at instant: Date) throws -> SigningKeyRecord {
        let key = TokenSigningKey()
        return SigningKeyRecord(
            kid: key.kid,
            sealedPrivateKey: try kek.seal(Array(key.privateKey.derRepresentation), context: KeyEncryptionKey.signingKeyContext(kid: key.kid)),
            publicJWK: key.jwk.json.compactText, createdAt: instant, retiredAt: nil)
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

    /// The private key of `record`, opened with the KEK (cached); a key that does not open, or whose kid is not
    /// its own, is an integrity failure.
    func open(_ record: SigningKeyRecord) throws -> TokenSigningKey {
        if let cached = opened[record.kid], cached.sealed == record.sealedPrivateKey { return cached.key }
        do {
            let der = try kek.open(record.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: record.kid))
            let key = try TokenSigningKey(privateKey: .init(derRepresentation: der))
            guard key.kid == record.kid else { throw StoreError.corrupt("signing key \(record.kid) does not match its kid") }
            opened[record.kid] = (record.sealedPrivateKey, key)
            return key
        } catch {
            metrics.recordIntegrityFailure(table: "signing_keys")
            logger.error(
                "a stored token-signing key does not open with the key-encryption key; it is left out of the JWKS",
                metadata: ["kid": "\(record.kid.prefix(64))", "error": "\(error)"])
            throw error
        }
    }

    func signingKey() throws -> TokenSigningKey {
        guard let active = records.first(where: \.isActive) else {
            throw StoreError.corrupt("no active token-signing key; restart assay serve to create one")
        }
        return try open(active)
    }
}
