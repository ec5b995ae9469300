import AttestationCore
import Foundation
import Server
import Storage
import TPM

/// The TPM attestation keys this service has activated, kept in the store so that every replica trusts a key
/// whichever replica enrolled it (the `TPMVerifier`'s registry in `assay serve`). An activation is trusted for
/// `lifetime` (`tpm_ak_lifetime`) and only while its integrity tag matches; the sweeper removes older ones.
struct StoredAttestationKeyRegistry: AttestationKeyRegistry {
    let store: any TPMEnrollmentStore
    let integrity: RowIntegrity
    /// How long an activation is trusted.
    let lifetime: TimeInterval
    let clock: any TimeSource

    init(store: any TPMEnrollmentStore, integrity: RowIntegrity, lifetime: TimeInterval, clock: any TimeSource) {
        self.store = store
        self.integrity = integrity
        self.lifetime = lifetime
        self.clock = clock
    }

    func activatedKey(named name: [UInt8]) async throws -> ActivatedAttestationKey? {
        guard let read = try await store.key(name: Hex.encode(name)),
            let record = integrity.verified(read, content: read.content, mac: read.mac),
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

    /// Records `key` (tagged) with its audit record in one transaction; nil (nothing written) when its name is
    /// already bound to another EK.
    func activate(_ key: ActivatedAttestationKey, audit: AuditRecord) async throws -> AuditRecord? {
        try await store.activateKey(
            TPMAttestationKeyRecord(
                akName: Hex.encode(key.akName), akPublic: key.akPublic.bytes, ekPublic: key.ekPublic.bytes,
                ekCertificate: key.ekCertificate, activatedAt: key.activatedAt
            ).tagged(by: integrity.key),
            audit: audit)
    }
}
