import AttestationCore
import SampleTEE
import Synchronization

/// The Sample TEE's verifier, counting how often it verifies: tells a cached verdict from a fresh one.
final class CountingVerifier: EvidenceVerifier {
    let inner = SampleVerifier()
    let calls = Mutex(0)
    var tee: TEEKind { inner.tee }
    var binding: ReportDataBinding { inner.binding }
    var isDevelopmentOnly: Bool { inner.isDevelopmentOnly }

    /// How many times ``verify(_:context:)`` ran.
    var count: Int { calls.withLock { $0 } }

    func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        calls.withLock { $0 += 1 }
        return try await inner.verify(evidence, context: context)
    }
}
