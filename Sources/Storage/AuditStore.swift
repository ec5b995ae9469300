/// The append-only audit log.
public protocol AuditStore: Sendable {
    /// Appends an audit record and returns it with its id.
    func appendAudit(_ record: AuditRecord) async throws -> AuditRecord
    /// Audit records with id greater than `after`, oldest first, at most `limit`.
    func auditRecords(after: Int64, limit: Int) async throws -> [AuditRecord]
}

/// Makes the audit record of a change from the row as stored and the row it replaced (nil for a new key); called
/// inside the change's transaction, so the record and the change commit together.
public typealias AuditOfChange<Row> = @Sendable (_ stored: Row, _ replaced: Row?) -> AuditRecord
