import AttestationCore
import AttestedTLS
import SampleTEE

/// Sample TEE evidence for attested certificates, for the TLS benchmark (the CLI's source measures a workload on
/// disk; this one a fixed byte string).
struct SampleCertificateSource: EvidenceSource {
    let attester: SampleAttester
    let tee = TEEKind.sample

    func evidence(bindingRuntimeData runtimeData: RuntimeData) async throws -> Evidence {
        Evidence(tee: .sample, bytes: try attester.attest(measurement: WorkloadMeasurement.measure(bytes: [1, 2, 3]), runtimeData: runtimeData))
    }
}
