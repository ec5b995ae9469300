import PostgresNIO

extension PostgresStore: ColumnRewriteStore {
    public func rewrite(_ changes: [ColumnRewrite], completing adoptions: [String]) async throws {
        for change in changes { try change.checkIdentifiers() }
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                for change in changes {
                    var bindings = PostgresBindings()
                    bindings.append(change.new)
                    var conditions: [String] = []
                    for part in change.orderedKey {
                        switch part.value {
                        case .text(let text): bindings.append(text)
                        case .integer(let integer): bindings.append(integer)
                        }
                        conditions.append("\(part.column) = $\(bindings.count)")
                    }
                    if let old = change.old {
                        bindings.append(old)
                        conditions.append("\(change.column) = $\(bindings.count)")
                    } else {
                        conditions.append("\(change.column) IS NULL")
                    }
                    let query = PostgresQuery(
                        unsafeSQL: "UPDATE \(change.table) SET \(change.column) = $1 WHERE "
                            + conditions.joined(separator: " AND ") + " RETURNING 1::BIGINT",
                        binds: bindings)
                    var updated = 0
                    for try await _ in try await connection.query(query, logger: logger).decode(Int64.self) { updated += 1 }
                    guard updated == 1 else { throw StoreError.conflict("\(change.rowDescription) changed or vanished") }
                }
                for table in adoptions {
                    try await connection.query("DELETE FROM integrity_adoptions WHERE table_name = \(table)", logger: logger)
                }
            }
        }
    }

    public func pendingIntegrityAdoptions() async throws -> Set<String> {
        try await wrap {
            var tables: Set<String> = []
            for try await table in try await client.query("SELECT table_name FROM integrity_adoptions").decode(String.self) {
                tables.insert(table)
            }
            return tables
        }
    }
}
