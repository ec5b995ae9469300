import KeyBroker
import Storage
import TPM
import Tokens

/// What a key-encryption-key rotation changes in the TPM plug-in's tables: pending enrollments' sealed credentials
/// are re-wrapped, activated keys re-tagged.
struct TPMKEKRotation: KEKRotationParticipant {
    let store: any TPMEnrollmentStore

    func rewrites(from old: KeyEncryptionKey, to new: KeyEncryptionKey) async throws
        -> (changes: [ColumnRewrite], counts: [KEKRotation.Count])
    {
        let enrollments = try await store.enrollments()
        var changes: [ColumnRewrite] = []
        for record in enrollments {
            let key: [String: ColumnRewrite.KeyValue] = ["id": .text(record.id)]
            let request = EnrollmentRequest(ekCertificate: record.ekCertificate, ekPublic: record.ekPublic, akPublic: record.akPublic)
            changes += [
                ColumnRewrite(
                    table: "tpm_enrollments", key: key, column: "sealed_secret", old: record.sealedSecret,
                    new: try KEKRotation.rewrap(
                        record.sealedSecret, context: TPMEnrollmentService.sealingContext(request, id: record.id),
                        what: "pending TPM enrollment \(record.id)", from: old, to: new)),
                ColumnRewrite(table: "tpm_enrollments", key: key, column: "kek_id", old: record.kekID, new: new.identifier),
            ]
        }
        let tags = RowIntegrityKey(kek: new)
        let keys = try await store.keys()
        changes += keys.map { record in
            ColumnRewrite(
                table: TPMAttestationKeyRecord.table, key: ["ak_name": .text(record.akName)], column: "mac",
                old: record.mac.isEmpty ? nil : record.mac, new: tags.tag(record.content))
        }
        return (changes, [KEKRotation.Count(enrollments.count, "pending TPM enrollments"), KEKRotation.Count(keys.count, "activated TPM attestation keys")])
    }
}
