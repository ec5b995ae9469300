extension SQLiteStore: ReferenceValueStore {
    public func addReferenceValues(_ records: [ReferenceValueRecord], audit: AuditRecord) async throws -> AuditRecord {
        try await run { connection in
            try connection.transaction {
                for record in records {
                    _ = try connection.query(
                        "INSERT INTO reference_values (id, tee, document, created_at, mac) VALUES (?, ?, ?, ?, ?)",
                        [.text(record.id), .text(record.tee), .text(record.document), Self.bind(record.createdAt),
                         .text(record.mac)])
                }
                return try Self.insertAudit(audit, on: connection)
            }
        }
    }

    public func referenceValues() async throws -> [ReferenceValueRecord] {
        try await run { connection in
            try connection.query("SELECT id, tee, document, created_at, mac FROM reference_values ORDER BY created_at, id")
                .map(Self.referenceValue)
        }
    }

    public func deleteReferenceValue(id: String, audit: @escaping @Sendable (ReferenceValueRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deleteAudited(
            "DELETE FROM reference_values WHERE id = ? RETURNING id, tee, document, created_at, mac", [.text(id)],
            decode: Self.referenceValue, audit: audit)
    }

    static func referenceValue(_ row: [SQLiteValue]) throws -> ReferenceValueRecord {
        ReferenceValueRecord(
            id: try text(row, 0), tee: try text(row, 1), document: try text(row, 2), createdAt: try date(row, 3),
            mac: value(row, 4).text ?? "")
    }
}
