import AttestationCore
public import Storage
public import TPM

/// The TPM attestation keys this service has activated, kept in the store so that every replica trusts a key
/// whichever replica enrolled it (the `TPMVerifier`'s registry in `assay serve`).
public struct StoredAttestationKeyRegistry: AttestationKeyRegistry {
    /// The store.
    public let store: any AssayStore

    public init(store: any AssayStore) { self.store = store }

    public func activatedKey(named name: [UInt8]) async throws -> ActivatedAttestationKey? {
        guard let record = try await store.tpmAttestationKey(name: Hex.encode(name)) else { return nil }
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

    public func register(_ key: ActivatedAttestationKey) async throws {
        try await store.putTPMAttestationKey(
            TPMAttestationKeyRecord(
                akName: Hex.encode(key.akName), akPublic: key.akPublic.bytes, ekPublic: key.ekPublic.bytes,
                ekCertificate: key.ekCertificate, activatedAt: key.activatedAt))
    }
}
