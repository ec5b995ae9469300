public import Storage

/// The core rows that carry integrity tags but no sealed values (policies and their history, reference values), as
/// the rewrites that give them a new tag: for a key-encryption-key rotation, and for the one-time adoption of rows
/// stored before tags existed.
public enum RowRetagging {
    /// One tagged row: its table and key, what its tag covers and the tag it holds now.
    public struct Row: Sendable {
        let table: String
        let key: [String: ColumnRewrite.KeyValue]
        let content: RowContent
        /// The stored tag ("" when the row has none).
        let mac: String

        /// The rewrite that gives the row `tagger`'s tag, guarded on `old` (nil: the tag column is NULL).
        func rewrite(tagger: any RowTagger, old: String?) -> ColumnRewrite {
            ColumnRewrite(table: table, key: key, column: "mac", old: old, new: tagger.tag(content))
        }
    }

    /// Every tagged core row except secrets (whose tag a rotation re-makes with their re-wrapped key).
    static func rows(in store: any AssayStore) async throws -> [Row] {
        var rows: [Row] = []
        for kind in PolicyKind.allCases {
            rows += try await store.policies(kind).map { record in
                Row(
                    table: kind.table, key: [kind.keyColumn: .text(record.id)], content: record.content(table: kind.table),
                    mac: record.mac)
            }
            rows += try await store.policyHistory(kind).map { record in
                Row(
                    table: kind.historyTable,
                    key: [kind.keyColumn: .text(record.id), "version": .integer(Int64(record.version))],
                    content: record.content(table: kind.table), mac: record.mac)
            }
        }
        rows += try await store.referenceValues().map { record in
            Row(table: ReferenceValueRecord.table, key: ["id": .text(record.id)], content: record.content, mac: record.mac)
        }
        return rows
    }

    /// Tags, once, the rows of tables stored before integrity tags existed (an upgraded database), so that from then
    /// on an untagged row is a failure; returns how many rows were tagged.
    public static func adoptUntaggedRows(in store: any AssayStore, tagger: any RowTagger) async throws -> Int {
        let pending = try await store.pendingIntegrityAdoptions()
        guard !pending.isEmpty else { return 0 }
        var changes = try await rows(in: store).filter { pending.contains($0.table) && $0.mac.isEmpty }
            .map { $0.rewrite(tagger: tagger, old: nil) }
        if pending.contains(SecretRecord.table) {
            changes += try await store.secrets(under: nil).filter(\.mac.isEmpty).map { record in
                ColumnRewrite(
                    table: SecretRecord.table, key: ["path": .text(record.path)], column: "mac", old: nil,
                    new: tagger.tag(record.content))
            }
        }
        try await store.rewrite(changes, completing: pending.sorted())
        return changes.count
    }
}
