/// The core schema of both backends, as ordered migrations: version N is element N-1 of ``migrations(for:)``. Written
/// once; where SQLite and PostgreSQL differ (types, row ids, triggers) ``SQLDialect`` says how.
enum CoreSchema {
    static func migrations(for dialect: SQLDialect) -> [[String]] {
        let instant = dialect.timestamp
        return [
            [
                "CREATE TABLE nonces (value TEXT PRIMARY KEY, expires_at \(instant) NOT NULL)\(dialect.withoutRowID)",
                "CREATE INDEX nonces_expiry ON nonces (expires_at)",
                """
                CREATE TABLE policies (id TEXT PRIMARY KEY, version INTEGER NOT NULL, text TEXT NOT NULL,
                    sha256 TEXT NOT NULL, updated_at \(instant) NOT NULL)
                """,
                """
                CREATE TABLE policy_versions (id TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,
                    sha256 TEXT NOT NULL, created_at \(instant) NOT NULL, PRIMARY KEY (id, version))
                """,
                """
                CREATE TABLE reference_values (id TEXT PRIMARY KEY, tee TEXT NOT NULL, document TEXT NOT NULL,
                    created_at \(instant) NOT NULL)
                """,
                """
                CREATE TABLE signing_keys (kid TEXT PRIMARY KEY, sealed_private_key TEXT NOT NULL,
                    public_jwk TEXT NOT NULL, created_at \(instant) NOT NULL, retired_at \(instant))
                """,
                "CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL",
                """
                CREATE TABLE audit (id \(dialect.serialPrimaryKey), at \(instant) NOT NULL, kind TEXT NOT NULL,
                    client TEXT NOT NULL, tee TEXT NOT NULL, nonce TEXT, outcome TEXT NOT NULL,
                    claims_sha256 TEXT NOT NULL, policy_id TEXT NOT NULL, policy_sha256 TEXT NOT NULL,
                    detail TEXT NOT NULL)
                """,
            ] + dialect.appendOnly("audit", message: "audit records are append-only"),
            [
                """
                CREATE TABLE secrets (path TEXT PRIMARY KEY, version INTEGER NOT NULL, ciphertext TEXT NOT NULL,
                    wrapped_key TEXT NOT NULL, kek_id TEXT NOT NULL, size INTEGER NOT NULL, created_at \(instant) NOT NULL,
                    updated_at \(instant) NOT NULL)
                """,
                """
                CREATE TABLE resource_policies (prefix TEXT PRIMARY KEY, version INTEGER NOT NULL, text TEXT NOT NULL,
                    sha256 TEXT NOT NULL, updated_at \(instant) NOT NULL)
                """,
            ],
            // Migration 3 created a service plug-in's tables; plug-ins now keep their own schemas (PluginSchema), which
            // create those tables when absent, so databases made before and after the move end up alike.
            [],
            [
                "ALTER TABLE policies ADD COLUMN mac TEXT",
                "ALTER TABLE policy_versions ADD COLUMN mac TEXT",
                "ALTER TABLE resource_policies ADD COLUMN mac TEXT",
                """
                CREATE TABLE resource_policy_versions (prefix TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,
                    sha256 TEXT NOT NULL, created_at \(instant) NOT NULL, mac TEXT, PRIMARY KEY (prefix, version))
                """,
                """
                INSERT INTO resource_policy_versions (prefix, version, text, sha256, created_at)
                SELECT prefix, version, text, sha256, updated_at FROM resource_policies
                """,
                "ALTER TABLE reference_values ADD COLUMN mac TEXT",
                "ALTER TABLE secrets ADD COLUMN mac TEXT",
                """
                CREATE TABLE plugin_migrations (plugin TEXT NOT NULL, version INTEGER NOT NULL, applied_at \(instant) NOT NULL,
                    PRIMARY KEY (plugin, version))
                """,
                "CREATE TABLE integrity_adoptions (table_name TEXT PRIMARY KEY)",
                """
                INSERT INTO integrity_adoptions (table_name) VALUES ('policies'), ('policy_versions'), ('resource_policies'),
                    ('resource_policy_versions'), ('reference_values'), ('secrets')
                """,
            ],
        ]
    }
}
