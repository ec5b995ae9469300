public import Foundation

extension SQLiteStore {
    static let enrollmentColumns = "id, ek_public, ak_public, ek_certificate, sealed_secret, kek_id, created_at, expires_at"
    static let attestationKeyColumns = "ak_name, ak_public, ek_public, ek_certificate, activated_at"

    public func insertTPMEnrollment(_ record: TPMEnrollmentRecord) async throws {
        _ = try await run { connection in
            try connection.query(
                "INSERT INTO tpm_enrollments (\(Self.enrollmentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(record.id), .text(StoredBytes.text(record.ekPublic)), .text(StoredBytes.text(record.akPublic)),
                 .text(StoredBytes.text(record.ekCertificate)), .text(record.sealedSecret), .text(record.kekID),
                 .integer(Milliseconds.from(record.createdAt)), .integer(Milliseconds.from(record.expiresAt))])
        }
    }

    public func takeTPMEnrollment(id: String, at instant: Date) async throws -> TPMEnrollmentStatus {
        let rows = try await run { connection in
            try connection.query("DELETE FROM tpm_enrollments WHERE id = ? RETURNING \(Self.enrollmentColumns)", [.text(id)])
        }
        guard let row = rows.first else { return .unknown }
        let record = try Self.enrollment(row)
        return record.expiresAt >= instant ? .taken(record) : .expired
    }

    public func tpmEnrollments() async throws -> [TPMEnrollmentRecord] {
        try await run { connection in
            try connection.query("SELECT \(Self.enrollmentColumns) FROM tpm_enrollments ORDER BY id").map(Self.enrollment)
        }
    }

    public func deleteExpiredTPMEnrollments(before instant: Date) async throws -> Int {
        try await run { connection in
            try connection.query(
                "DELETE FROM tpm_enrollments WHERE expires_at < ? RETURNING id", [.integer(Milliseconds.from(instant))]
            ).count
        }
    }

    public func activateTPMAttestationKey(_ record: TPMAttestationKeyRecord, audit: AuditRecord) async throws -> AuditRecord? {
        try await run { connection in
            try connection.transaction {
                let stored = try connection.query(
                    """
                    INSERT INTO tpm_attestation_keys (\(Self.attestationKeyColumns)) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (ak_name) DO UPDATE SET ek_certificate = excluded.ek_certificate,
                        activated_at = excluded.activated_at
                    WHERE tpm_attestation_keys.ek_public = excluded.ek_public
                    RETURNING ak_name
                    """,
                    [.text(record.akName), .text(StoredBytes.text(record.akPublic)), .text(StoredBytes.text(record.ekPublic)),
                     .text(StoredBytes.text(record.ekCertificate)), .integer(Milliseconds.from(record.activatedAt))])
                guard !stored.isEmpty else { return nil }
                return try Self.insertAudit(audit, on: connection)
            }
        }
    }

    public func deleteTPMAttestationKeys(activatedBefore instant: Date) async throws -> Int {
        try await run { connection in
            try connection.query(
                "DELETE FROM tpm_attestation_keys WHERE activated_at < ? RETURNING ak_name",
                [.integer(Milliseconds.from(instant))]
            ).count
        }
    }

    public func tpmAttestationKey(name: String) async throws -> TPMAttestationKeyRecord? {
        try await run { connection in
            try connection.query(
                "SELECT \(Self.attestationKeyColumns) FROM tpm_attestation_keys WHERE ak_name = ?", [.text(name)]
            ).first.map { row in
                TPMAttestationKeyRecord(
                    akName: try Self.text(row, 0), akPublic: try StoredBytes.bytes(try Self.text(row, 1), column: "ak_public"),
                    ekPublic: try StoredBytes.bytes(try Self.text(row, 2), column: "ek_public"),
                    ekCertificate: try StoredBytes.bytes(try Self.text(row, 3), column: "ek_certificate"),
                    activatedAt: Milliseconds.date(try Self.integer(row, 4)))
            }
        }
    }

    static func enrollment(_ row: [SQLiteValue]) throws -> TPMEnrollmentRecord {
        TPMEnrollmentRecord(
            id: try text(row, 0), ekPublic: try StoredBytes.bytes(try text(row, 1), column: "ek_public"),
            akPublic: try StoredBytes.bytes(try text(row, 2), column: "ak_public"),
            ekCertificate: try StoredBytes.bytes(try text(row, 3), column: "ek_certificate"), sealedSecret: try text(row, 4),
            kekID: try text(row, 5), createdAt: Milliseconds.date(try integer(row, 6)),
            expiresAt: Milliseconds.date(try integer(row, 7)))
    }
}
