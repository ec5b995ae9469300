public import AttestationCore
public import Foundation
public import Storage
public import TPM

/// The TPM attestation keys this service has activated, kept in the store so that every replica trusts a key
/// whichever replica enrolled it (the `TPMVerifier`'s registry in `assay serve`). An activation is trusted for
/// `lifetime` (`tpm_ak_lifetime`); the ``ExpirySweeper`` removes older ones.
public struct StoredAttestationKeyRegistry: AttestationKeyRegistry {
    /// The store.
    public let store: any AssayStore
    /// How long an activation is trusted.
    public let lifetime: TimeInterval
    /// The clock that ages activations.
    public let clock: any TimeSource

    public init(store: any AssayStore, lifetime: TimeInterval, clock: any TimeSource) {
        self.store = store
        self.lifetime = lifetime
        self.clock = clock
    }

    public func activatedKey(named name: [UInt8]) async throws -> ActivatedAttestationKey? {
        guard let record = try await store.tpmAttestationKey(name: Hex.encode(name)),
            record.activatedAt.addingTimeInterval(lifetime) >= clock.now()
        else { return nil }
        let key: ActivatedAttestationKey
        do {
            key = try ActivatedAttestationKey(
                akPublic: try TPMTPublic(parsing: record.akPublic), ekPublic: try TPMTPublic(parsing: record.ekPublic),
                ekCertificate: record.ekCertificate, activatedAt: record.activatedAt)
        } catch {
            throw StoreError.corrupt("the activated TPM attestation key \(record.akName) does not parse: \(error)")
        }
        guard key.akName == name else {
            throw StoreError.corrupt("the activated TPM attestation key stored as \(record.akName) has another name")
        }
        return key
    }

    /// Records `key` with its audit record in one transaction; nil (nothing written) when its name is already
    /// bound to another EK.
    func activate(_ key: ActivatedAttestationKey, audit: AuditRecord) async throws -> AuditRecord? {
        try await store.activateTPMAttestationKey(
            TPMAttestationKeyRecord(
                akName: Hex.encode(key.akName), akPublic: key.akPublic.bytes, ekPublic: key.ekPublic.bytes,
                ekCertificate: key.ekCertificate, activatedAt: key.activatedAt),
            audit: audit)
    }
}
