/// Everything the core service persists, one protocol per kind of data; two backends implement each, SQLite
/// (embedded default) and PostgreSQL (shared by replicas), and one test suite runs against both. Every method
/// commits before it returns, so a crash right after loses nothing it reported done. Service plug-ins keep their
/// own tables next to these (``PluginSchema``).
public typealias AssayStore = NonceStore & AuditStore & PolicyStore & ReferenceValueStore
    & SigningKeyStore & SecretStore & ColumnRewriteStore
