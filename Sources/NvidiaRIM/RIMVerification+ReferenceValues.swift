public import Appraisal
import AttestationCore
import PKI

extension RIMVerification {
    /// The reference values of a verified RIM: one per active measurement, for TEE `nvidia` and claim
    /// `measurements.<index + 1>` (the GPU reports RIM index i as SPDM measurement block i + 1), accepting every
    /// alternative (lowercase hex), component `executables`, expiring with the signer certificate, with a provenance
    /// naming the RIM and its signer. Throws ``NvidiaRIMError/rejected(rim:failures:)`` unless every check passed.
    public func referenceValues() throws(NvidiaRIMError) -> [ReferenceValue] {
        guard isValid else {
            throw NvidiaRIMError.rejected(rim: manifest.tagID, failures: verdict.failures.map(\.description))
        }
        let provenance = "NVIDIA RIM \(manifest.tagID) (\(manifest.product) \(manifest.colloquialVersion), signed by "
            + "'\(signerCommonName ?? "?")')"
        return manifest.activeMeasurements.map { measurement in
            ReferenceValue(
                tee: TEEKind.nvidia, claim: NvidiaRIM.claim(blockIndex: measurement.blockIndex),
                values: Set(measurement.alternatives.map { Hex.encode($0) }), provenance: provenance,
                expires: chain.first?.notAfter, component: .executables)
        }
    }
}
