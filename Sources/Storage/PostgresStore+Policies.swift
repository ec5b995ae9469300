public import Foundation
import PostgresNIO

extension PostgresStore {
    typealias PolicyRow = (String, Int, String, String, Int64, String?)

    func putPolicy(
        _ tables: PolicyTables, key: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                // Versions are numbered per key across replicas: one writer per table at a time (admin changes are rare).
                try await connection.query(
                    PostgresQuery(unsafeSQL: "LOCK TABLE \(tables.history) IN SHARE ROW EXCLUSIVE MODE"), logger: logger)
                let replaced = try await policies(tables, key: key, version: nil, on: connection).first
                let latest = try await Self.integer(
                    "SELECT COALESCE(MAX(version), 0)::BIGINT FROM \(unescaped: tables.history) WHERE \(unescaped: tables.key) = \(key)",
                    on: connection, logger: logger)
                let record = PolicyRecord(id: key, version: latest + 1, text: text, sha256: sha256, updatedAt: instant)
                    .tagged(by: tagger, table: tables.current)
                let at = Milliseconds.from(instant)
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: tables.current) (\(unescaped: tables.key), version, text, sha256, updated_at, mac)
                    VALUES (\(key), \(record.version), \(text), \(sha256), \(at), \(record.mac))
                    ON CONFLICT (\(unescaped: tables.key)) DO UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text,
                        sha256 = EXCLUDED.sha256, updated_at = EXCLUDED.updated_at, mac = EXCLUDED.mac
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: tables.history) (\(unescaped: tables.key), version, text, sha256, created_at, mac)
                    VALUES (\(key), \(record.version), \(text), \(sha256), \(at), \(record.mac))
                    """, logger: logger)
                return (record, try await Self.insertAudit(audit(record, replaced), on: connection, logger: logger))
            }
        }
    }

    func policies(_ tables: PolicyTables, key: String?, version: Int?, on connection: PostgresConnection) async throws
        -> [PolicyRecord]
    {
        var query: PostgresQuery
        if let key, let version {
            query = """
                SELECT \(unescaped: tables.key), version, text, sha256, created_at, mac FROM \(unescaped: tables.history)
                WHERE \(unescaped: tables.key) = \(key) AND version = \(version)
                """
        } else if let key {
            query = """
                SELECT \(unescaped: tables.key), version, text, sha256, updated_at, mac FROM \(unescaped: tables.current)
                WHERE \(unescaped: tables.key) = \(key)
                """
        } else {
            query = """
                SELECT \(unescaped: tables.key), version, text, sha256, updated_at, mac FROM \(unescaped: tables.current)
                ORDER BY \(unescaped: tables.key)
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

    func policies(_ tables: PolicyTables, key: String?, version: Int?) async throws -> [PolicyRecord] {
        try await wrap {
            try await client.withConnection { connection in
                try await policies(tables, key: key, version: version, on: connection)
            }
        }
    }

    func history(_ tables: PolicyTables) async throws -> [PolicyRecord] {
        try await wrap {
            try await Self.policies(
                try await client.query(
                    """
                    SELECT \(unescaped: tables.key), version, text, sha256, created_at, mac FROM \(unescaped: tables.history)
                    ORDER BY \(unescaped: tables.key), version
                    """))
        }
    }

    func deletePolicy(_ tables: PolicyTables, key: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                let removed = try await Self.policies(
                    try await connection.query(
                        """
                        DELETE FROM \(unescaped: tables.current) WHERE \(unescaped: tables.key) = \(key)
                        RETURNING \(unescaped: tables.key), version, text, sha256, updated_at, mac
                        """, logger: logger))
                guard let record = removed.first else { return nil }
                return try await Self.insertAudit(audit(record), on: connection, logger: logger)
            }
        }
    }
}

extension PostgresStore: AppraisalPolicyStore {
    public func putPolicy(
        id: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await putPolicy(.appraisal, key: id, text: text, sha256: sha256, at: instant, tagger: tagger, audit: audit)
    }

    public func policy(id: String, version: Int?) async throws -> PolicyRecord? {
        try await policies(.appraisal, key: id, version: version).first
    }

    public func policies() async throws -> [PolicyRecord] {
        try await policies(.appraisal, key: nil, version: nil)
    }

    public func policyHistory() async throws -> [PolicyRecord] {
        try await history(.appraisal)
    }

    public func deletePolicy(id: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord) async throws
        -> AuditRecord?
    {
        try await deletePolicy(.appraisal, key: id, audit: audit)
    }
}

extension PostgresStore: ResourcePolicyStore {
    public func putResourcePolicy(
        prefix: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await putPolicy(.resource, key: prefix, text: text, sha256: sha256, at: instant, tagger: tagger, audit: audit)
    }

    public func resourcePolicy(prefix: String, version: Int?) async throws -> PolicyRecord? {
        try await policies(.resource, key: prefix, version: version).first
    }

    public func resourcePolicies() async throws -> [PolicyRecord] {
        try await policies(.resource, key: nil, version: nil)
    }

    public func resourcePolicyHistory() async throws -> [PolicyRecord] {
        try await history(.resource)
    }

    public func resourcePolicies(on prefixes: [String]) async throws -> [PolicyRecord] {
        guard !prefixes.isEmpty else { return [] }
        return try await wrap {
            try await Self.policies(
                try await client.query(
                    """
                    SELECT prefix, version, text, sha256, updated_at, mac FROM resource_policies
                    WHERE prefix = ANY(\(prefixes)) ORDER BY prefix
                    """))
        }
    }

    public func deleteResourcePolicy(prefix: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deletePolicy(.resource, key: prefix, audit: audit)
    }
}
