extension SQLiteStore: AuditStore {
    public func appendAudit(_ record: AuditRecord) async throws -> AuditRecord {
        try await run { connection in try Self.insertAudit(record, on: connection) }
    }

    public func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await run { connection in
            try connection.query(
                """
                SELECT id, at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail
                FROM audit WHERE id > ? ORDER BY id LIMIT ?
                """, [.integer(after), .integer(Int64(limit))]
            ).map { row in
                AuditRecord(
                    id: try Self.integer(row, 0), at: try Self.date(row, 1), kind: try Self.text(row, 2),
                    client: try Self.text(row, 3), tee: try Self.text(row, 4), nonce: Self.value(row, 5).text,
                    outcome: try Self.text(row, 6), claimsSHA256: try Self.text(row, 7), policyID: try Self.text(row, 8),
                    policySHA256: try Self.text(row, 9), detail: try Self.text(row, 10))
            }
        }
    }
}
