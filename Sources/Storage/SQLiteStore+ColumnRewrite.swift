extension SQLiteStore: ColumnRewriteStore {
    public func rewrite(_ changes: [ColumnRewrite], completing adoptions: [String]) async throws {
        for change in changes { try change.checkIdentifiers() }
        try await run { connection in
            try connection.transaction {
                for change in changes {
                    let key = change.orderedKey
                    var conditions = key.map { "\($0.column) = ?" }
                    var binds: [SQLiteValue] = [.text(change.new)] + key.map { part in
                        switch part.value {
                        case .text(let text): .text(text)
                        case .integer(let integer): .integer(integer)
                        }
                    }
                    if let old = change.old {
                        conditions.append("\(change.column) = ?")
                        binds.append(.text(old))
                    } else {
                        conditions.append("\(change.column) IS NULL")
                    }
                    let updated = try connection.query(
                        """
                        UPDATE \(change.table) SET \(change.column) = ? WHERE \(conditions.joined(separator: " AND "))
                        RETURNING 1
                        """, binds)
                    guard updated.count == 1 else { throw StoreError.conflict("\(change.rowDescription) changed or vanished") }
                }
                for table in adoptions {
                    _ = try connection.query("DELETE FROM integrity_adoptions WHERE table_name = ?", [.text(table)])
                }
            }
        }
    }

    public func pendingIntegrityAdoptions() async throws -> Set<String> {
        try await run { connection in
            Set(try connection.query("SELECT table_name FROM integrity_adoptions").map { try Self.text($0, 0) })
        }
    }
}
