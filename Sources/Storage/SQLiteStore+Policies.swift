public import Foundation

extension SQLiteStore {
    func putPolicy(
        _ tables: PolicyTables, key: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await run { connection in
            try connection.transaction {
                let replaced = try Self.policy(tables, key: key, version: nil, on: connection)
                let latest = try connection.query(
                    "SELECT COALESCE(MAX(version), 0) FROM \(tables.history) WHERE \(tables.key) = ?", [.text(key)]
                ).first?.first?.integer ?? 0
                let record = PolicyRecord(id: key, version: Int(latest) + 1, text: text, sha256: sha256, updatedAt: instant)
                    .tagged(by: tagger, table: tables.current)
                let binds: [SQLiteValue] = [
                    .text(key), .integer(Int64(record.version)), .text(text), .text(sha256), Self.bind(instant), .text(record.mac),
                ]
                _ = try connection.query(
                    """
                    INSERT INTO \(tables.current) (\(tables.key), version, text, sha256, updated_at, mac)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (\(tables.key)) DO UPDATE SET version = excluded.version, text = excluded.text,
                        sha256 = excluded.sha256, updated_at = excluded.updated_at, mac = excluded.mac
                    """, binds)
                _ = try connection.query(
                    """
                    INSERT INTO \(tables.history) (\(tables.key), version, text, sha256, created_at, mac)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, binds)
                return (record, try Self.insertAudit(audit(record, replaced), on: connection))
            }
        }
    }

    func policy(_ tables: PolicyTables, key: String, version: Int?) async throws -> PolicyRecord? {
        try await run { connection in try Self.policy(tables, key: key, version: version, on: connection) }
    }

    func policies(_ tables: PolicyTables, keys: [String]? = nil) async throws -> [PolicyRecord] {
        try await run { connection in
            guard let keys else {
                return try connection.query(
                    "SELECT \(tables.key), version, text, sha256, updated_at, mac FROM \(tables.current) ORDER BY \(tables.key)"
                ).map(Self.policy)
            }
            guard !keys.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            return try connection.query(
                """
                SELECT \(tables.key), version, text, sha256, updated_at, mac FROM \(tables.current)
                WHERE \(tables.key) IN (\(marks)) ORDER BY \(tables.key)
                """, keys.map(SQLiteValue.text)
            ).map(Self.policy)
        }
    }

    func history(_ tables: PolicyTables) async throws -> [PolicyRecord] {
        try await run { connection in
            try connection.query(
                """
                SELECT \(tables.key), version, text, sha256, created_at, mac FROM \(tables.history)
                ORDER BY \(tables.key), version
                """
            ).map(Self.policy)
        }
    }

    func deletePolicy(_ tables: PolicyTables, key: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await run { connection in
            try connection.transaction {
                guard let removed = try Self.policy(tables, key: key, version: nil, on: connection) else { return nil }
                _ = try connection.query("DELETE FROM \(tables.current) WHERE \(tables.key) = ?", [.text(key)])
                return try Self.insertAudit(audit(removed), on: connection)
            }
        }
    }

    static func policy(_ tables: PolicyTables, key: String, version: Int?, on connection: SQLiteConnection) throws
        -> PolicyRecord?
    {
        guard let version else {
            return try connection.query(
                "SELECT \(tables.key), version, text, sha256, updated_at, mac FROM \(tables.current) WHERE \(tables.key) = ?",
                [.text(key)]
            ).first.map(policy)
        }
        return try connection.query(
            """
            SELECT \(tables.key), version, text, sha256, created_at, mac FROM \(tables.history)
            WHERE \(tables.key) = ? AND version = ?
            """, [.text(key), .integer(Int64(version))]
        ).first.map(policy)
    }

    static func policy(_ row: [SQLiteValue]) throws -> PolicyRecord {
        PolicyRecord(
            id: try text(row, 0), version: Int(try integer(row, 1)), text: try text(row, 2), sha256: try text(row, 3),
            updatedAt: try date(row, 4), mac: value(row, 5).text ?? "")
    }
}

extension SQLiteStore: AppraisalPolicyStore {
    public func putPolicy(
        id: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await putPolicy(.appraisal, key: id, text: text, sha256: sha256, at: instant, tagger: tagger, audit: audit)
    }

    public func policy(id: String, version: Int?) async throws -> PolicyRecord? {
        try await policy(.appraisal, key: id, version: version)
    }

    public func policies() async throws -> [PolicyRecord] {
        try await policies(.appraisal)
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

extension SQLiteStore: ResourcePolicyStore {
    public func putResourcePolicy(
        prefix: String, text: String, sha256: String, at instant: Date, tagger: any RowTagger,
        audit: @escaping AuditOfChange<PolicyRecord>
    ) async throws -> (policy: PolicyRecord, audit: AuditRecord) {
        try await putPolicy(.resource, key: prefix, text: text, sha256: sha256, at: instant, tagger: tagger, audit: audit)
    }

    public func resourcePolicy(prefix: String, version: Int?) async throws -> PolicyRecord? {
        try await policy(.resource, key: prefix, version: version)
    }

    public func resourcePolicies() async throws -> [PolicyRecord] {
        try await policies(.resource)
    }

    public func resourcePolicyHistory() async throws -> [PolicyRecord] {
        try await history(.resource)
    }

    public func resourcePolicies(on prefixes: [String]) async throws -> [PolicyRecord] {
        try await policies(.resource, keys: prefixes)
    }

    public func deleteResourcePolicy(prefix: String, audit: @escaping @Sendable (PolicyRecord) -> AuditRecord)
        async throws -> AuditRecord?
    {
        try await deletePolicy(.resource, key: prefix, audit: audit)
    }
}
