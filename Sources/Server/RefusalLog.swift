import AttestationCore
public import Foundation
public import Logging
public import ServiceLifecycle
public import Storage
import Synchronization

/// The audit trail of requests refused before their sender was authenticated (a release without a valid token, a
/// TPM enrollment that fails its checks, …), kept bounded however many arrive.
///
/// Per kind and reason, the first refusal in each window (a minute by default) is recorded in full, with its
/// free-form fields cut to ``AuditEntry``'s bounds; later ones in the same window are only counted, and when the
/// window closes one summary record says how many there were, when, and from which clients (the first 16). So
/// 10,000 junk requests in a minute cost two records per reason. A crash loses at most the open windows' counts.
public final class RefusalLog: Service, Sendable {
    /// Most distinct clients a summary names.
    static let maxClientsNamed = 16

    let store: any AuditStore
    let window: TimeInterval
    let logger: Logger
    let clock: @Sendable () -> Date

    private struct Window {
        let kind: String
        let reason: String
        let opened: Date
        var last: Date
        var suppressed = 0
        var clients: [String] = []
    }

    private let windows = Mutex<[String: Window]>([:])

    public init(store: any AuditStore, window: TimeInterval = 60, logger: Logger, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.window = window
        self.logger = logger
        self.clock = clock
    }

    /// Records a refusal; `reason` (a problem type name, from a fixed set) groups it. Returns the record written,
    /// or nil when it was only counted.
    @discardableResult
    public func record(_ record: AuditRecord, reason: String) async throws -> AuditRecord? {
        let key = record.kind + "\u{0}" + reason
        let now = record.at
        let (closed, writeThis) = windows.withLock { windows -> (Window?, Bool) in
            if var open = windows[key], now.timeIntervalSince(open.opened) < window {
                open.suppressed += 1
                open.last = now
                if open.clients.count < Self.maxClientsNamed, !open.clients.contains(record.client) {
                    open.clients.append(record.client)
                }
                windows[key] = open
                return (nil, false)
            }
            let closed = windows[key]
            windows[key] = Window(kind: record.kind, reason: reason, opened: now, last: now)
            return (closed, true)
        }
        if let closed { try await writeSummary(closed) }
        return writeThis ? try await store.appendAudit(record) : nil
    }

    /// Writes the summaries of windows that closed by `instant` (all of them when nil).
    func flush(closedBy instant: Date?) async {
        let closed = windows.withLock { windows -> [Window] in
            let done = windows.filter { entry in instant.map { $0.timeIntervalSince(entry.value.opened) >= window } ?? true }
            for key in done.keys { windows.removeValue(forKey: key) }
            return Array(done.values)
        }
        for window in closed {
            do { try await writeSummary(window) } catch {
                logger.warning("could not record a summary of refused requests", metadata: ["error": "\(error)"])
            }
        }
    }

    private func writeSummary(_ window: Window) async throws {
        guard window.suppressed > 0 else { return }
        _ = try await store.appendAudit(
            AuditEntry.make(
                at: window.last, kind: window.kind, client: window.clients.joined(separator: ","), outcome: "suppressed",
                detail: [
                    "reason": .string(window.reason), "count": .integer(Int64(window.suppressed)),
                    "from": .string(RFC3339.format(window.opened)), "to": .string(RFC3339.format(window.last)),
                    "clients_named": .integer(Int64(window.clients.count)),
                ]))
    }

    /// Closes windows as they age, and writes every open summary at shutdown.
    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(self.window / 4)) }
            } catch {
                break
            }
            await flush(closedBy: clock())
        }
        await flush(closedBy: nil)
    }
}
