import AttestationCore
import AttestedTLS
import SampleTEE

/// Evidence from the Sample TEE for attested certificates: a report over a fixed measurement, bound to the runtime
/// data by the Sample TEE's rule (report data = SHA-512 of it). It has no DCAP quote, so the issuer writes no TCG
/// extension.
struct SampleEvidenceSource: EvidenceSource {
    let attester: SampleAttester
    let measurement: [UInt8]
    var tee: TEEKind { .sample }

    /// A source with a fresh device key certified by the development issuer.
    init(measurement: [UInt8] = [UInt8](repeating: 0x5A, count: 48)) throws {
        attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        self.measurement = measurement
    }

    func evidence(bindingRuntimeData runtimeData: RuntimeData) async throws -> Evidence {
        Evidence(tee: .sample, bytes: try attester.attest(measurement: measurement, runtimeData: runtimeData))
    }
}
