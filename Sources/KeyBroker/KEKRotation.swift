public import Storage
public import Tokens

/// Rotation of the key-encryption key: every sealed token-signing key, secret data key and plug-in value is
/// re-wrapped under the new KEK, and every integrity tag re-made with the new KEK's integrity key, in one
/// transaction; secret ciphertexts are not touched.
///
/// Everything is opened with the old KEK before anything is written, so a wrong old KEK changes nothing.
public enum KEKRotation {
    /// How many values of one kind a rotation re-wrapped or re-tagged.
    public struct Count: Sendable, Hashable {
        /// What they are (`token-signing keys`, `secret data keys`, …).
        public let what: String
        /// How many.
        public let count: Int

        public init(_ count: Int, _ what: String) {
            self.what = what
            self.count = count
        }
    }

    /// Re-wraps and re-tags everything sealed or tagged by `old` under `new`; returns a count per kind.
    public static func rotate(
        store: any AssayStore, participants: [any KEKRotationParticipant], from old: KeyEncryptionKey,
        to new: KeyEncryptionKey
    ) async throws -> [Count] {
        let newTags = RowIntegrityKey(kek: new)
        var changes: [ColumnRewrite] = []
        let signingKeys = try await store.signingKeys()
        for record in signingKeys {
            changes.append(
                ColumnRewrite(
                    table: "signing_keys", key: ["kid": .text(record.kid)], column: "sealed_private_key",
                    old: record.sealedPrivateKey,
                    new: try rewrap(
                        record.sealedPrivateKey, context: KeyEncryptionKey.signingKeyContext(kid: record.kid),
                        what: "token-signing key \(record.kid)", from: old, to: new)))
        }
        let secrets = try await store.secrets(under: nil)
        for record in secrets {
            let rewrapped = record.rewrapped(wrappedKey: try SecretEnvelope.rewrap(record, from: old, to: new), kekID: new.identifier)
            let key: [String: ColumnRewrite.KeyValue] = ["path": .text(record.path)]
            changes += [
                ColumnRewrite(table: SecretRecord.table, key: key, column: "wrapped_key", old: record.wrappedKey, new: rewrapped.wrappedKey),
                ColumnRewrite(table: SecretRecord.table, key: key, column: "kek_id", old: record.kekID, new: rewrapped.kekID),
                ColumnRewrite(table: SecretRecord.table, key: key, column: "mac", old: record.mac, new: newTags.tag(rewrapped.content)),
            ]
        }
        let tagged = try await RowRetagging.rows(in: store)
        changes += tagged.map { $0.rewrite(tagger: newTags, old: $0.mac) }
        var counts = [Count(signingKeys.count, "token-signing keys"), Count(secrets.count, "secret data keys")]
        for participant in participants {
            let contribution = try await participant.rewrites(from: old, to: new)
            changes += contribution.changes
            counts += contribution.counts
        }
        try await store.rewrite(changes, completing: [])
        return counts + [Count(tagged.count + secrets.count, "integrity tags")]
    }

    /// `sealed` re-wrapped under `new`; `what` names it when `old` does not open it.
    public static func rewrap(
        _ sealed: String, context: String, what: String, from old: KeyEncryptionKey, to new: KeyEncryptionKey
    ) throws -> String {
        do { return try old.rewrap(sealed, context: context, to: new) } catch {
            throw KeyBrokerError.cannotOpen(
                "\(what) does not open with the old key-encryption key \(old.identifier); nothing was changed")
        }
    }
}
