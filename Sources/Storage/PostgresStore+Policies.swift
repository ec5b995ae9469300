public import Foundation
import PostgresNIO

extension PostgresStore: PolicyStore {
    typealias PolicyRow = (String, Int, String, String, Int64, String?)

    public func putPolicy(
        _ kind: PolicyKind, key: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                // Versions are numbered per key across replicas: one writer per table at a time (admin changes are rare).
                try await connection.query(
                    PostgresQuery(unsafeSQL: "LOCK TABLE \(kind.historyTable) IN SHARE ROW EXCLUSIVE MODE"), logger: logger)
                let replaced = try await policies(kind, key: key, version: nil, on: connection).first
                let latest = try await Self.integer(
                    "SELECT COALESCE(MAX(version), 0)::BIGINT FROM \(unescaped: kind.historyTable) WHERE \(unescaped: kind.keyColumn) = \(key)",
                    on: connection, logger: logger)
                let record = PolicyRecord(id: key, version: latest + 1, text: text, sha256: sha256, updatedAt: instant)
                    .tagged(by: tagger, table: kind.table)
                let at = Milliseconds.from(instant)
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: kind.table) (\(unescaped: kind.keyColumn), version, text, sha256, updated_at, mac)
                    VALUES (\(key), \(record.version), \(text), \(sha256), \(at), \(record.mac))
                    ON CONFLICT (\(unescaped: kind.keyColumn)) DO UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text,
                        sha256 = EXCLUDED.sha256, updated_at = EXCLUDED.updated_at, mac = EXCLUDED.mac
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: kind.historyTable) (\(unescaped: kind.keyColumn), version, text, sha256, created_at, mac)
                    VALUES (\(key), \(record.version), \(text), \(sha256), \(at), \(record.mac))
                    """, logger: logger)
                return (record, try await Self.insertAudit(audit(record, replaced), on: connection, logger: logger))
            }
        }
    }

    func policies(_ kind: PolicyKind, key: String?, version: Int?, on connection: PostgresConnection) async throws
        -> [PolicyRecord]
    {
        var query: PostgresQuery
        if let key, let version {
            query = """
                SELECT \(unescaped: kind.keyColumn), version, text, sha256, created_at, mac FROM \(unescaped: kind.historyTable)
                WHERE \(unescaped: kind.keyColumn) = \(key) AND version = \(version)
                """
        } else if let key {
            query = """
                SELECT \(unescaped: kind.keyColumn), version, text, sha256, updated_at, mac FROM \(unescaped: kind.table)
                WHERE \(unescaped: kind.keyColumn) = \(key)
                """
        } else {
            query = """
                SELECT \(unescaped: kind.keyColumn), version, text, sha256, updated_at, mac FROM \(unescaped: kind.table)
                ORDER BY \(unescaped: kind.keyColumn)
                """
        }
        return try await Self.policies(try await connection.query(query, logger: logger))
    }

    static func policies(_ rows: PostgresRowSequence) async throws -> [PolicyRecord] {
        var records: [PolicyRecord] = []
        for try await (id, version, text, sha256, updatedAt, mac) in rows.decode(PolicyRow.self) {
            records.append(
                PolicyRecord(
                    id: id, version: version, text: text, sha256: sha256, updatedAt: Milliseconds.date(updatedAt),
                    mac: mac ?? ""))
        }
        return records
    }

    func policies(_ kind: PolicyKind, key: String?, version: Int?) async throws -> [PolicyRecord] {
        try await wrap {
            try await client.withConnection { connection in
                try await policies(kind, key: key, version: version, on: connection)
            }
        }
    }

    public func policy(_ kind: PolicyKind, key: String, version: Int?) async throws -> PolicyRecord? {
        try await policies(kind, key: key, version: version).first
    }

    public func policies(_ kind: PolicyKind) async throws -> [PolicyRecord] {
        try await policies(kind, key: nil, version: nil)
    }

    public func policies(_ kind: PolicyKind, keys: [String]) async throws -> [PolicyRecord] {
        guard !keys.isEmpty else { return [] }
        return try await wrap {
            try await Self.policies(
                try await client.query(
                    """
                    SELECT \(unescaped: kind.keyColumn), version, text, sha256, updated_at, mac FROM \(unescaped: kind.table)
                    WHERE \(unescaped: kind.keyColumn) = ANY(\(keys)) ORDER BY \(unescaped: kind.keyColumn)
                    """))
        }
    }

    public func policyHistory(_ kind: PolicyKind) async throws -> [PolicyRecord] {
        try await wrap {
            try await Self.policies(
                try await client.query(
                    """
                    SELECT \(unescaped: kind.keyColumn), version, text, sha256, created_at, mac FROM \(unescaped: kind.historyTable)
                    ORDER BY \(unescaped: kind.keyColumn), version
                    """))
        }
    }

    public func deletePolicy(_ kind: PolicyKind, key: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deleteAudited(
            """
            DELETE FROM \(unescaped: kind.table) WHERE \(unescaped: kind.keyColumn) = \(key)
            RETURNING \(unescaped: kind.keyColumn), version, text, sha256, updated_at, mac
            """, decode: Self.policies, audit: audit)
    }
}
