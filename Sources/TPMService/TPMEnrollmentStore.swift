public import Foundation
public import Storage

/// The TPM plug-in's tables: pending enrollments and activated attestation keys, implemented for both backends
/// against one test suite.
public protocol TPMEnrollmentStore: Sendable {
    /// Records a pending enrollment (its id is new).
    func insertEnrollment(_ record: TPMEnrollmentRecord) async throws
    /// Takes a pending enrollment atomically: exactly one caller across all replicas gets `.taken`, and the
    /// enrollment is gone afterwards whatever that caller makes of it (single use).
    func takeEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus
    /// Every pending enrollment, expired or not (for a key-encryption-key rotation).
    func enrollments() async throws -> [TPMEnrollmentRecord]
    /// Deletes pending enrollments that expired before `instant`; returns how many.
    func deleteExpiredEnrollments(before instant: Date) async throws -> Int
    /// Stores an activated attestation key (tagged) and its audit record in one transaction, so an AK is never
    /// trusted without a record of its activation. Activating an AK again against the same EK renews it; an AK name
    /// already bound to another EK is left as it is: nothing is written and the result is nil. Otherwise returns the
    /// audit record with its id.
    func activateKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord?
    /// Deletes attestation keys activated before `instant` (their trust expired); returns how many.
    func deleteKeys(activatedBefore instant: Date) async throws -> Int
    /// The activated attestation key with this name (lowercase hex), if any.
    func key(name: String) async throws -> TPMAttestationKeyRecord?
    /// Every activated attestation key (for a key-encryption-key rotation).
    func keys() async throws -> [TPMAttestationKeyRecord]
}

/// The plug-in's store on the service's backend.
public enum TPMEnrollmentStores {
    public static func store(on backend: StoreBackend) -> any TPMEnrollmentStore {
        switch backend {
        case .sqlite(let store): SQLiteTPMEnrollmentStore(database: store)
        case .postgres(let store): PostgresTPMEnrollmentStore(database: store)
        }
    }
}
