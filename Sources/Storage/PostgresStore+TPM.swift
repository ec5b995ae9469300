public import Foundation
import PostgresNIO

extension PostgresStore {
    typealias EnrollmentRow = (String, String, String, String, String, String, Int64, Int64)

    public func insertTPMEnrollment(_ record: TPMEnrollmentRecord) async throws {
        try await wrap {
            try await client.query(
                """
                INSERT INTO tpm_enrollments (id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at,
                    expires_at)
                VALUES (\(record.id), \(StoredBytes.text(record.ekPublic)), \(StoredBytes.text(record.akPublic)),
                    \(StoredBytes.text(record.ekCertificate)), \(record.sealedSecret), \(record.kekID),
                    \(Milliseconds.from(record.createdAt)), \(Milliseconds.from(record.expiresAt)))
                """)
        }
    }

    public func takeTPMEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus {
        try await wrap {
            for record in try await enrollments(
                "DELETE FROM tpm_enrollments WHERE id = \(id) RETURNING id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at"
            ) {
                return record.expiresAt >= instant ? .taken(record) : .expired
            }
            return .unknown
        }
    }

    public func tpmEnrollments() async throws -> [TPMEnrollmentRecord] {
        try await wrap {
            try await enrollments(
                "SELECT id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at FROM tpm_enrollments ORDER BY id"
            )
        }
    }

    func enrollments(_ query: PostgresQuery) async throws -> [TPMEnrollmentRecord] {
        var records: [TPMEnrollmentRecord] = []
        for try await (id, ekPublic, akPublic, ekCertificate, sealedSecret, kekID, createdAt, expiresAt) in try await client
            .query(query).decode(EnrollmentRow.self)
        {
            records.append(
                TPMEnrollmentRecord(
                    id: id, ekPublic: try StoredBytes.bytes(ekPublic, column: "ek_public"),
                    akPublic: try StoredBytes.bytes(akPublic, column: "ak_public"),
                    ekCertificate: try StoredBytes.bytes(ekCertificate, column: "ek_certificate"), sealedSecret: sealedSecret,
                    kekID: kekID, createdAt: Milliseconds.date(createdAt), expiresAt: Milliseconds.date(expiresAt)))
        }
        return records
    }

    public func deleteExpiredTPMEnrollments(before instant: Date) async throws -> Int {
        try await deletedCount("DELETE FROM tpm_enrollments WHERE expires_at < \(Milliseconds.from(instant)) RETURNING id")
    }

    public func activateTPMAttestationKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord? {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                var stored = false
                for try await _ in try await connection.query(
                    """
                    INSERT INTO tpm_attestation_keys (ak_name, ak_public, ek_public, ek_certificate, activated_at)
                    VALUES (\(record.akName), \(StoredBytes.text(record.akPublic)), \(StoredBytes.text(record.ekPublic)),
                        \(StoredBytes.text(record.ekCertificate)), \(Milliseconds.from(record.activatedAt)))
                    ON CONFLICT (ak_name) DO UPDATE SET ek_certificate = EXCLUDED.ek_certificate,
                        activated_at = EXCLUDED.activated_at
                    WHERE tpm_attestation_keys.ek_public = EXCLUDED.ek_public
                    RETURNING ak_name
                    """, logger: logger
                ).decode(String.self) {
                    stored = true
                }
                guard stored else { return nil }
                return try await Self.insertAudit(audit, on: connection, logger: logger)
            }
        }
    }

    public func deleteTPMAttestationKeys(activatedBefore instant: Date) async throws -> Int {
        try await deletedCount("DELETE FROM tpm_attestation_keys WHERE activated_at < \(Milliseconds.from(instant)) RETURNING ak_name")
    }

    public func tpmAttestationKey(name: String) async throws -> TPMAttestationKeyRecord? {
        try await wrap {
            for try await (akName, akPublic, ekPublic, ekCertificate, activatedAt) in try await client.query(
                "SELECT ak_name, ak_public, ek_public, ek_certificate, activated_at FROM tpm_attestation_keys WHERE ak_name = \(name)"
            ).decode((String, String, String, String, Int64).self) {
                return TPMAttestationKeyRecord(
                    akName: akName, akPublic: try StoredBytes.bytes(akPublic, column: "ak_public"),
                    ekPublic: try StoredBytes.bytes(ekPublic, column: "ek_public"),
                    ekCertificate: try StoredBytes.bytes(ekCertificate, column: "ek_certificate"),
                    activatedAt: Milliseconds.date(activatedAt))
            }
            return nil
        }
    }
}
