import AttestationCore
import Synchronization

/// A provider that passes requests on and remembers each URL asked for and how it went (`assay collateral fetch`).
final class RecordingCollateralProvider: CollateralProvider {
    /// One request: its URL, and why it failed (nil when it was served).
    struct Record: Sendable {
        let url: String
        let failure: String?
    }

    let inner: any CollateralProvider
    private let log = Mutex<[Record]>([])

    init(_ inner: any CollateralProvider) { self.inner = inner }

    /// The requests so far, in order.
    var records: [Record] { log.withLock { $0 } }

    func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
        do {
            let response = try await inner.fetch(request)
            log.withLock { $0.append(Record(url: request.url, failure: nil)) }
            return response
        } catch let AttestationCoreError.collateralUnavailable(_, reason) {
            log.withLock { $0.append(Record(url: request.url, failure: reason)) }
            throw AttestationCoreError.collateralUnavailable(url: request.url, reason: reason)
        } catch {
            log.withLock { $0.append(Record(url: request.url, failure: "\(error)")) }
            throw error
        }
    }
}
