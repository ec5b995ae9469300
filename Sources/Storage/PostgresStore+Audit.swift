extension PostgresStore: AuditStore {
    public func appendAudit(_ record: AuditRecord) async throws -> AuditRecord {
        try await wrap {
            try await client.withConnection { connection in try await Self.insertAudit(record, on: connection, logger: logger) }
        }
    }

    public func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord] {
        try await wrap {
            var records: [AuditRecord] = []
            let rows = try await client.query(
                """
                SELECT id, at, kind, client, tee, nonce, outcome, claims_sha256, policy_id, policy_sha256, detail
                FROM audit WHERE id > \(after) ORDER BY id LIMIT \(limit)
                """)
            for try await row in rows {
                let (id, at, kind, client, tee, nonce, outcome, claims, policyID, policySHA, detail) = try row.decode(
                    (Int64, Int64, String, String, String, String?, String, String, String, String, String).self)
                records.append(
                    AuditRecord(
                        id: id, at: Milliseconds.date(at), kind: kind, client: client, tee: tee, nonce: nonce,
                        outcome: outcome, claimsSHA256: claims, policyID: policyID, policySHA256: policySHA, detail: detail))
            }
            return records
        }
    }
}
