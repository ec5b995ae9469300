import AttestationCore
import AttestedTLS
import Attester
import Synchronization

/// Attested certificates' evidence from this machine's TEE, through the collector `assay attest` uses; TDX also
/// quotes for TCG tagged evidence.
final class CollectorEvidenceSource: EvidenceSource {
    let collector: EvidenceCollector
    /// TPM: the session whose AK quotes (made once: creating an AK takes seconds), one quote at a time.
    let session: Mutex<TPMSession?>

    init(collector: EvidenceCollector, session: sending TPMSession?) {
        self.collector = collector
        self.session = Mutex(session)
    }

    var tee: TEEKind { collector.tee }

    func evidence(bindingRuntimeData runtimeData: RuntimeData) async throws -> Evidence {
        try session.withLock { [collector] session in try collector.collect(runtimeData, tpm: session) }
    }

    func quote(reportData: [UInt8]) async throws -> [UInt8]? {
        guard tee == .tdx else { return nil }
        return try TDXAttester().quote(reportData: reportData)
    }
}
