import Foundation
import PostgresNIO
import Storage

/// ``TPMEnrollmentStore`` on PostgreSQL.
struct PostgresTPMEnrollmentStore: TPMEnrollmentStore {
    let database: PostgresStore

    typealias EnrollmentRow = (String, String, String, String, String, String, Int64, Int64)
    typealias KeyRow = (String, String, String, String, Int64, String?)

    func insertEnrollment(_ record: TPMEnrollmentRecord) async throws {
        try await database.wrap {
            try await database.client.query(
                """
                INSERT INTO tpm_enrollments (id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at,
                    expires_at)
                VALUES (\(record.id), \(StoredBytes.text(record.ekPublic)), \(StoredBytes.text(record.akPublic)),
                    \(StoredBytes.text(record.ekCertificate)), \(record.sealedSecret), \(record.kekID),
                    \(Milliseconds.from(record.createdAt)), \(Milliseconds.from(record.expiresAt)))
                """)
        }
    }

    func takeEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus {
        try await database.wrap {
            for record in try await enrollments(
                "DELETE FROM tpm_enrollments WHERE id = \(id) RETURNING id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at"
            ) {
                return record.expiresAt >= instant ? .taken(record) : .expired
            }
            return .unknown
        }
    }

    func enrollments() async throws -> [TPMEnrollmentRecord] {
        try await database.wrap {
            try await enrollments(
                "SELECT id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at FROM tpm_enrollments ORDER BY id"
            )
        }
    }

    func enrollments(_ query: PostgresQuery) async throws -> [TPMEnrollmentRecord] {
        var records: [TPMEnrollmentRecord] = []
        for try await (id, ekPublic, akPublic, ekCertificate, sealedSecret, kekID, createdAt, expiresAt) in try await database
            .client.query(query).decode(EnrollmentRow.self)
        {
            records.append(
                TPMEnrollmentRecord(
                    id: id, ekPublic: try StoredBytes.bytes(ekPublic, column: "ek_public"),
                    akPublic: try StoredBytes.bytes(akPublic, column: "ak_public"),
                    ekCertificate: try StoredBytes.bytes(ekCertificate, column: "ek_certificate"), sealedSecret: sealedSecret,
                    kekID: kekID, createdAt: Milliseconds.date(createdAt),
                    expiresAt: Milliseconds.date(expiresAt)))
        }
        return records
    }

    func deleteExpiredEnrollments(before instant: Date) async throws -> Int {
        try await database.deletedCount(
            "DELETE FROM tpm_enrollments WHERE expires_at < \(Milliseconds.from(instant)) RETURNING id")
    }

    func activateKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord? {
        try await database.wrap {
            try await database.client.withTransaction(logger: database.logger) { connection in
                var stored = false
                for try await _ in try await connection.query(
                    """
                    INSERT INTO tpm_attestation_keys (ak_name, ak_public, ek_public, ek_certificate, activated_at, mac)
                    VALUES (\(record.akName), \(StoredBytes.text(record.akPublic)), \(StoredBytes.text(record.ekPublic)),
                        \(StoredBytes.text(record.ekCertificate)), \(Milliseconds.from(record.activatedAt)), \(record.mac))
                    ON CONFLICT (ak_name) DO UPDATE SET ek_certificate = EXCLUDED.ek_certificate,
                        activated_at = EXCLUDED.activated_at, mac = EXCLUDED.mac
                    WHERE tpm_attestation_keys.ek_public = EXCLUDED.ek_public
                    RETURNING ak_name
                    """, logger: database.logger
                ).decode(String.self) {
                    stored = true
                }
                guard stored else { return nil }
                return try await PostgresStore.insertAudit(audit, on: connection, logger: database.logger)
            }
        }
    }

    func deleteKeys(activatedBefore instant: Date) async throws -> Int {
        try await database.deletedCount(
            "DELETE FROM tpm_attestation_keys WHERE activated_at < \(Milliseconds.from(instant)) RETURNING ak_name")
    }

    func key(name: String) async throws -> TPMAttestationKeyRecord? {
        try await keys(
            "SELECT ak_name, ak_public, ek_public, ek_certificate, activated_at, mac FROM tpm_attestation_keys WHERE ak_name = \(name)"
        ).first
    }

    func keys() async throws -> [TPMAttestationKeyRecord] {
        try await keys(
            "SELECT ak_name, ak_public, ek_public, ek_certificate, activated_at, mac FROM tpm_attestation_keys ORDER BY ak_name")
    }

    func keys(_ query: PostgresQuery) async throws -> [TPMAttestationKeyRecord] {
        try await database.wrap {
            var records: [TPMAttestationKeyRecord] = []
            for try await (akName, akPublic, ekPublic, ekCertificate, activatedAt, mac) in try await database.client.query(query)
                .decode(KeyRow.self)
            {
                records.append(
                    TPMAttestationKeyRecord(
                        akName: akName, akPublic: try StoredBytes.bytes(akPublic, column: "ak_public"),
                        ekPublic: try StoredBytes.bytes(ekPublic, column: "ek_public"),
                        ekCertificate: try StoredBytes.bytes(ekCertificate, column: "ek_certificate"),
                        activatedAt: Milliseconds.date(activatedAt), mac: mac ?? ""))
            }
            return records
        }
    }
}
