import Foundation
import NvidiaRIM

/// `nvidia-rim`: an NVIDIA RIM as `assay reference-values import --nvidia-rim` reads it: libxml2's parser (no DTD,
/// no network, bounded size), the SWID tag and XML-DSig readers, xmlsec's transforms and digest, the canonical
/// SignedInfo and the signer's chain, and the reference values of a RIM that verifies.
public enum NvidiaRIMFuzzTarget: FuzzTarget {
    public static let name = "nvidia-rim"

    /// An instant inside the validity of NVIDIA's RIM signer certificates (2023-11-14), so genuine seeds verify.
    static let instant = Date(timeIntervalSince1970: 1_700_000_000)

    public static func run(_ bytes: [UInt8]) {
        guard let verification = try? RIMVerifier().verify(bytes, at: instant) else { return }
        let measurements = verification.manifest.measurements
        FuzzInput.require(
            Set(measurements.map(\.index)).count == measurements.count, "a parsed RIM holds one measurement per index")
        guard verification.isValid, let values = try? verification.referenceValues() else { return }
        FuzzInput.require(
            values.count == verification.manifest.activeMeasurements.count, "one reference value per active measurement")
    }
}
