/// Secrets sealed at rest (envelope encryption), versioned per path; every change is audited in its own
/// transaction.
public protocol SecretStore: Sendable {
    /// Stores a secret (a new path, or the next version of an existing one, keeping its creation time), tagged by
    /// `tagger` once the store assigned the version, with the audit record `audit` makes; the given record's
    /// version, creation time and tag are ignored.
    func putSecret(_ record: SecretRecord, tagger: any RowTagger, audit: @escaping AuditOfChange<SecretRecord>)
        async throws -> (secret: SecretRecord, audit: AuditRecord)
    /// The secret at `path`.
    func secret(path: String) async throws -> SecretRecord?
    /// Every secret whose path is `prefix` or lies under it (every secret for nil), ordered by path.
    func secrets(under prefix: String?) async throws -> [SecretRecord]
    /// Deletes a secret with the audit record `audit` makes of it; nil if there was none.
    func deleteSecret(path: String, audit: @escaping @Sendable (SecretRecord) -> AuditRecord) async throws -> AuditRecord?
}
