import Foundation
import Storage

/// ``TPMEnrollmentStore`` on the embedded SQLite store.
struct SQLiteTPMEnrollmentStore: TPMEnrollmentStore {
    let database: SQLiteStore

    static let enrollmentColumns = "id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at"
    static let keyColumns = "ak_name, ak_public, ek_public, ek_certificate, activated_at, mac"

    func insertEnrollment(_ record: TPMEnrollmentRecord) async throws {
        _ = try await database.run { connection in
            try connection.query(
                "INSERT INTO tpm_enrollments (\(Self.enrollmentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(record.id), .text(StoredBytes.text(record.ekPublic)), .text(StoredBytes.text(record.akPublic)),
                 .text(StoredBytes.text(record.ekCertificate)), .text(record.sealedSecret), .text(record.kekID),
                 SQLiteStore.bind(record.createdAt), SQLiteStore.bind(record.expiresAt)])
        }
    }

    func takeEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus {
        let rows = try await database.run { connection in
            try connection.query("DELETE FROM tpm_enrollments WHERE id = ? RETURNING \(Self.enrollmentColumns)", [.text(id)])
        }
        guard let row = rows.first else { return .unknown }
        let record = try Self.enrollment(row)
        return record.expiresAt >= instant ? .taken(record) : .expired
    }

    func enrollments() async throws -> [TPMEnrollmentRecord] {
        try await database.run { connection in
            try connection.query("SELECT \(Self.enrollmentColumns) FROM tpm_enrollments ORDER BY id").map(Self.enrollment)
        }
    }

    func deleteExpiredEnrollments(before instant: Date) async throws -> Int {
        try await database.run { connection in
            try connection.query("DELETE FROM tpm_enrollments WHERE expires_at < ? RETURNING id", [SQLiteStore.bind(instant)]).count
        }
    }

    func activateKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord? {
        try await database.run { connection in
            try connection.transaction {
                let stored = try connection.query(
                    """
                    INSERT INTO tpm_attestation_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (ak_name) DO UPDATE SET ek_certificate = excluded.ek_certificate,
                        activated_at = excluded.activated_at, mac = excluded.mac
                    WHERE tpm_attestation_keys.ek_public = excluded.ek_public
                    RETURNING ak_name
                    """,
                    [.text(record.akName), .text(StoredBytes.text(record.akPublic)), .text(StoredBytes.text(record.ekPublic)),
                     .text(StoredBytes.text(record.ekCertificate)), SQLiteStore.bind(record.activatedAt), .text(record.mac)])
                guard !stored.isEmpty else { return nil }
                return try SQLiteStore.insertAudit(audit, on: connection)
            }
        }
    }

    func deleteKeys(activatedBefore instant: Date) async throws -> Int {
        try await database.run { connection in
            try connection.query(
                "DELETE FROM tpm_attestation_keys WHERE activated_at < ? RETURNING ak_name", [SQLiteStore.bind(instant)]
            ).count
        }
    }

    func key(name: String) async throws -> TPMAttestationKeyRecord? {
        try await database.run { connection in
            try connection.query("SELECT \(Self.keyColumns) FROM tpm_attestation_keys WHERE ak_name = ?", [.text(name)])
                .first.map(Self.key)
        }
    }

    func keys() async throws -> [TPMAttestationKeyRecord] {
        try await database.run { connection in
            try connection.query("SELECT \(Self.keyColumns) FROM tpm_attestation_keys ORDER BY ak_name").map(Self.key)
        }
    }

    static func enrollment(_ row: [SQLiteValue]) throws -> TPMEnrollmentRecord {
        TPMEnrollmentRecord(
            id: try SQLiteStore.text(row, 0), ekPublic: try StoredBytes.bytes(try SQLiteStore.text(row, 1), column: "ek_public"),
            akPublic: try StoredBytes.bytes(try SQLiteStore.text(row, 2), column: "ak_public"),
            ekCertificate: try StoredBytes.bytes(try SQLiteStore.text(row, 3), column: "ek_certificate"),
            sealedSecret: try SQLiteStore.text(row, 4), kekID: try SQLiteStore.text(row, 5),
            createdAt: try SQLiteStore.date(row, 6), expiresAt: try SQLiteStore.date(row, 7))
    }

    static func key(_ row: [SQLiteValue]) throws -> TPMAttestationKeyRecord {
        TPMAttestationKeyRecord(
            akName: try SQLiteStore.text(row, 0), akPublic: try StoredBytes.bytes(try SQLiteStore.text(row, 1), column: "ak_public"),
            ekPublic: try StoredBytes.bytes(try SQLiteStore.text(row, 2), column: "ek_public"),
            ekCertificate: try StoredBytes.bytes(try SQLiteStore.text(row, 3), column: "ek_certificate"),
            activatedAt: try SQLiteStore.date(row, 4), mac: SQLiteStore.value(row, 5).text ?? "")
    }
}
