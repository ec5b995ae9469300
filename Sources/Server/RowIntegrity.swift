import Foundation
public import KeyBroker
public import Logging
public import Storage
import Synchronization

/// Checks the integrity tags of the rows that decide who gets secrets as they are read, on behalf of every use
/// case: a row whose tag does not match (someone changed the database without the key-encryption key) is treated
/// as absent, logged (once a minute per row) and counted in `assay_integrity_failures_total`; the operation then
/// proceeds as if the row did not exist, which refuses what the row would have allowed.
public final class RowIntegrity: Sendable {
    /// The tagging key.
    public let key: RowIntegrityKey
    let metrics: ServerMetrics
    let logger: Logger
    /// When each failing row was last logged, bounded.
    private let logged = Mutex<[String: Date]>([:])
    static let maxLogged = 1024

    public init(key: RowIntegrityKey, metrics: ServerMetrics, logger: Logger) {
        self.key = key
        self.metrics = metrics
        self.logger = logger
    }

    /// `record` when `mac` is the tag of `content`, else nil (logged and counted).
    public func verified<Row>(_ record: Row, content: RowContent, mac: String) -> Row? {
        if key.isAuthentic(content, tag: mac) { return record }
        metrics.recordIntegrityFailure(table: content.table)
        let row = "\(content.table)/\(content.key)@\(content.version)"
        let now = Date()
        let shouldLog = logged.withLock { logged -> Bool in
            if let last = logged[row], now.timeIntervalSince(last) < 60 { return false }
            if logged.count >= Self.maxLogged { logged.removeAll() }
            logged[row] = now
            return true
        }
        if shouldLog {
            logger.error(
                "ignoring a stored row whose integrity tag does not match: it was changed outside assay (or with another key-encryption key); restore it from a backup or store it again through the admin API",
                metadata: ["table": "\(content.table)", "key": "\(content.key.prefix(128))", "version": "\(content.version)"])
        }
        return nil
    }

    /// The policy when its tag matches.
    public func verified(_ record: PolicyRecord, table: String) -> PolicyRecord? {
        verified(record, content: record.content(table: table), mac: record.mac)
    }

    /// The secret when its tag matches.
    public func verified(_ record: SecretRecord) -> SecretRecord? {
        verified(record, content: record.content, mac: record.mac)
    }

    /// The reference value when its tag matches.
    public func verified(_ record: ReferenceValueRecord) -> ReferenceValueRecord? {
        verified(record, content: record.content, mac: record.mac)
    }
}
