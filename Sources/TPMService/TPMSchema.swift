public import Storage

/// The TPM plug-in's tables. Version 1 creates them when absent: databases from before plug-ins had their own
/// schemas already hold them, created by the core's migration 3.
public enum TPMSchema {
    public static let plugin = PluginSchema(name: "tpm") { dialect in
        [
            [
                """
                CREATE TABLE IF NOT EXISTS tpm_enrollments (id TEXT PRIMARY KEY, ek_public TEXT NOT NULL,
                    ak_public TEXT NOT NULL, ek_certificate TEXT NOT NULL, sealed_secret TEXT NOT NULL, kek_id TEXT NOT NULL,
                    created_at \(dialect.timestamp) NOT NULL, expires_at \(dialect.timestamp) NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS tpm_enrollments_expiry ON tpm_enrollments (expires_at)",
                """
                CREATE TABLE IF NOT EXISTS tpm_attestation_keys (ak_name TEXT PRIMARY KEY, ak_public TEXT NOT NULL,
                    ek_public TEXT NOT NULL, ek_certificate TEXT NOT NULL, activated_at \(dialect.timestamp) NOT NULL)
                """,
            ],
            ["ALTER TABLE tpm_attestation_keys ADD COLUMN mac TEXT"],
        ]
    }
}
