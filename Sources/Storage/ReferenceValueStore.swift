/// Reference values (expected measurements and minimum versions), each entry a JSON document with an id.
public protocol ReferenceValueStore: Sendable {
    /// Adds entries (already tagged, ids assigned by the caller) and their audit record in one transaction.
    func addReferenceValues(_ records: [ReferenceValueRecord], audit: AuditRecord) async throws -> AuditRecord
    /// Every entry, oldest first.
    func referenceValues() async throws -> [ReferenceValueRecord]
    /// Deletes one entry with the audit record `audit` makes of it; nil if there was none.
    func deleteReferenceValue(id: String, audit: @escaping @Sendable (ReferenceValueRecord) -> AuditRecord) async throws
        -> AuditRecord?
}
