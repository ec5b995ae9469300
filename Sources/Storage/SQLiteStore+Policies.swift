public import Foundation

extension SQLiteStore: PolicyStore {
    public func putPolicy(
        _ kind: PolicyKind, key: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await run { connection in
            try connection.transaction {
                let replaced = try Self.policy(kind, key: key, version: nil, on: connection)
                let latest = try connection.query(
                    "SELECT COALESCE(MAX(version), 0) FROM \(kind.historyTable) WHERE \(kind.keyColumn) = ?", [.text(key)]
                ).first?.first?.integer ?? 0
                let record = PolicyRecord(id: key, version: Int(latest) + 1, text: text, sha256: sha256, updatedAt: instant)
                    .tagged(by: tagger, table: kind.table)
                let binds: [SQLiteValue] = [
                    .text(key), .integer(Int64(record.version)), .text(text), .text(sha256), Self.bind(instant), .text(record.mac),
                ]
                _ = try connection.query(
                    """
                    INSERT INTO \(kind.table) (\(kind.keyColumn), version, text, sha256, updated_at, mac)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (\(kind.keyColumn)) DO UPDATE SET version = excluded.version, text = excluded.text,
                        sha256 = excluded.sha256, updated_at = excluded.updated_at, mac = excluded.mac
                    """, binds)
                _ = try connection.query(
                    """
                    INSERT INTO \(kind.historyTable) (\(kind.keyColumn), version, text, sha256, created_at, mac)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, binds)
                return (record, try Self.insertAudit(audit(record, replaced), on: connection))
            }
        }
    }

    public func policy(_ kind: PolicyKind, key: String, version: Int?) async throws -> PolicyRecord? {
        try await run { connection in try Self.policy(kind, key: key, version: version, on: connection) }
    }

    public func policies(_ kind: PolicyKind) async throws -> [PolicyRecord] {
        try await run { connection in
            try connection.query(
                "SELECT \(kind.keyColumn), version, text, sha256, updated_at, mac FROM \(kind.table) ORDER BY \(kind.keyColumn)"
            ).map(Self.policy)
        }
    }

    public func policies(_ kind: PolicyKind, keys: [String]) async throws -> [PolicyRecord] {
        guard !keys.isEmpty else { return [] }
        return try await run { connection in
            let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            return try connection.query(
                """
                SELECT \(kind.keyColumn), version, text, sha256, updated_at, mac FROM \(kind.table)
                WHERE \(kind.keyColumn) IN (\(marks)) ORDER BY \(kind.keyColumn)
                """, keys.map(SQLiteValue.text)
            ).map(Self.policy)
        }
    }

    public func policyHistory(_ kind: PolicyKind) async throws -> [PolicyRecord] {
        try await run { connection in
            try connection.query(
                """
                SELECT \(kind.keyColumn), version, text, sha256, created_at, mac FROM \(kind.historyTable)
                ORDER BY \(kind.keyColumn), version
                """
            ).map(Self.policy)
        }
    }

    public func deletePolicy(_ kind: PolicyKind, key: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deleteAudited(
            "DELETE FROM \(kind.table) WHERE \(kind.keyColumn) = ? RETURNING \(kind.keyColumn), version, text, sha256, updated_at, mac",
            [.text(key)], decode: Self.policy, audit: audit)
    }

    static func policy(_ kind: PolicyKind, key: String, version: Int?, on connection: SQLiteConnection) throws
        -> PolicyRecord?
    {
        guard let version else {
            return try connection.query(
                "SELECT \(kind.keyColumn), version, text, sha256, updated_at, mac FROM \(kind.table) WHERE \(kind.keyColumn) = ?",
                [.text(key)]
            ).first.map(policy)
        }
        return try connection.query(
            """
            SELECT \(kind.keyColumn), version, text, sha256, created_at, mac FROM \(kind.historyTable)
            WHERE \(kind.keyColumn) = ? AND version = ?
            """, [.text(key), .integer(Int64(version))]
        ).first.map(policy)
    }

    static func policy(_ row: [SQLiteValue]) throws -> PolicyRecord {
        PolicyRecord(
            id: try text(row, 0), version: Int(try integer(row, 1)), text: try text(row, 2), sha256: try text(row, 3),
            updatedAt: try date(row, 4), mac: value(row, 5).text ?? "")
    }
}
