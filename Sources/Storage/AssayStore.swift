public import Foundation

/// Everything `assay serve` persists: nonces, policies, reference values, signing keys, secrets, resource policies,
/// TPM attestation-key enrollments and the audit log.
///
/// Two backends implement it, SQLite (embedded default) and PostgreSQL (shared by replicas); one test suite runs
/// against both. Every method commits before it returns, so a crash right after loses nothing it reported done.
public protocol AssayStore: Sendable {
    /// Creates or upgrades the schema; safe to call from several replicas at once.
    func migrate() async throws

    /// Records an issued nonce.
    func insertNonce(_ value: String, expiresAt: Date) async throws
    /// Consumes a nonce atomically: exactly one caller across all replicas gets `.consumed`.
    func consumeNonce(_ value: String, at instant: Date) async throws -> NonceStatus
    /// Deletes nonces that expired before `instant`; returns how many.
    func deleteExpiredNonces(before instant: Date) async throws -> Int

    /// Stores a new version of a policy and returns it.
    func putPolicy(id: String, text: String, sha256: String, at instant: Date) async throws -> PolicyRecord
    /// The current version of a policy.
    func policy(id: String) async throws -> PolicyRecord?
    /// The current version of every policy.
    func policies() async throws -> [PolicyRecord]
    /// Deletes a policy and its history; false if there was none.
    func deletePolicy(id: String) async throws -> Bool

    /// Adds reference-value entries (one transaction) and returns them with their ids.
    func addReferenceValues(_ entries: [(tee: String, document: String)], at instant: Date) async throws
        -> [ReferenceValueRecord]
    /// Every reference-value entry.
    func referenceValues() async throws -> [ReferenceValueRecord]
    /// Deletes one entry; false if there was none.
    func deleteReferenceValue(id: String) async throws -> Bool

    /// Every signing key, newest first.
    func signingKeys() async throws -> [SigningKeyRecord]
    /// Makes `key` the active signing key, retiring the current one at `instant` (one transaction). When
    /// `onlyIfNone` is set and an active key exists, nothing changes and false is returned.
    func activateSigningKey(_ key: SigningKeyRecord, at instant: Date, onlyIfNone: Bool) async throws -> Bool

    /// Stores a secret (a new path, or the next version of an existing one, keeping its creation time) and returns
    /// it with the version the store assigned (the given record's version and creation time are ignored).
    func putSecret(_ record: SecretRecord) async throws -> SecretRecord
    /// The secret at `path`.
    func secret(path: String) async throws -> SecretRecord?
    /// Every secret whose path is `prefix` or lies under it (every secret for nil), ordered by path.
    func secrets(under prefix: String?) async throws -> [SecretRecord]
    /// Deletes a secret; false if there was none.
    func deleteSecret(path: String) async throws -> Bool

    /// Stores a new version of the resource policy attached to a path prefix and returns it.
    func putResourcePolicy(prefix: String, text: String, sha256: String, at instant: Date) async throws -> PolicyRecord
    /// Every resource policy (the record's `id` is the prefix), ordered by prefix.
    func resourcePolicies() async throws -> [PolicyRecord]
    /// Detaches the resource policy of a prefix; false if there was none.
    func deleteResourcePolicy(prefix: String) async throws -> Bool

    /// Records a pending TPM enrollment (its id is new).
    func insertTPMEnrollment(_ record: TPMEnrollmentRecord) async throws
    /// Takes a pending TPM enrollment atomically: exactly one caller across all replicas gets `.taken`, and the
    /// enrollment is gone afterwards whatever that caller makes of it (single use).
    func takeTPMEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus
    /// Every pending TPM enrollment, expired or not (for a key-encryption-key rotation).
    func tpmEnrollments() async throws -> [TPMEnrollmentRecord]
    /// Deletes pending TPM enrollments that expired before `instant`; returns how many.
    func deleteExpiredTPMEnrollments(before instant: Date) async throws -> Int
    /// Stores an activated TPM attestation key and its audit record in one transaction, so an AK is never
    /// trusted without a record of its activation. Activating an AK again against the same EK renews
    /// `activatedAt` (and the EK certificate); an AK name already bound to another EK is left as it is: nothing
    /// is written and the result is nil. Otherwise returns the audit record with its id.
    func activateTPMAttestationKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord?
    /// Deletes TPM attestation keys activated before `instant` (their trust expired); returns how many.
    func deleteTPMAttestationKeys(activatedBefore instant: Date) async throws -> Int
    /// The activated TPM attestation key with this name (lowercase hex), if any.
    func tpmAttestationKey(name: String) async throws -> TPMAttestationKeyRecord?

    /// Replaces sealed signing keys, secret data keys and pending-enrollment credentials after a
    /// key-encryption-key rotation, in one transaction;
    /// throws ``StoreError/conflict(_:)`` and changes nothing if any row no longer holds the value it replaces.
    func rewrapSealedKeys(_ change: SealedKeyRewrap) async throws

    /// Appends an audit record and returns it with its id.
    func appendAudit(_ record: AuditRecord) async throws -> AuditRecord
    /// Audit records with id greater than `after`, oldest first, at most `limit`.
    func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord]

    /// Releases connections.
    func close() async throws
}
