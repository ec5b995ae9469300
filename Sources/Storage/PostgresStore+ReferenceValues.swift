import PostgresNIO

extension PostgresStore: ReferenceValueStore {
    typealias ReferenceValueRow = (String, String, String, Int64, String?)

    public func addReferenceValues(_ records: [ReferenceValueRecord], audit: AuditRecord) async throws -> AuditRecord {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                for record in records {
                    try await connection.query(
                        """
                        INSERT INTO reference_values (id, tee, document, created_at, mac)
                        VALUES (\(record.id), \(record.tee), \(record.document), \(Milliseconds.from(record.createdAt)),
                            \(record.mac))
                        """, logger: logger)
                }
                return try await Self.insertAudit(audit, on: connection, logger: logger)
            }
        }
    }

    public func referenceValues() async throws -> [ReferenceValueRecord] {
        try await wrap {
            try await Self.referenceValues(
                try await client.query("SELECT id, tee, document, created_at, mac FROM reference_values ORDER BY created_at, id"))
        }
    }

    public func deleteReferenceValue(id: String, audit: @escaping @Sendable (ReferenceValueRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deleteAudited(
            "DELETE FROM reference_values WHERE id = \(id) RETURNING id, tee, document, created_at, mac",
            decode: Self.referenceValues, audit: audit)
    }

    static func referenceValues(_ rows: PostgresRowSequence) async throws -> [ReferenceValueRecord] {
        var records: [ReferenceValueRecord] = []
        for try await (id, tee, document, createdAt, mac) in rows.decode(ReferenceValueRow.self) {
            records.append(
                ReferenceValueRecord(
                    id: id, tee: tee, document: document, createdAt: Milliseconds.date(createdAt), mac: mac ?? ""))
        }
        return records
    }
}
