public import Appraisal
public import AttestationCore
public import Foundation

/// NVIDIA RIMs as reference values for GPU evidence: what `assay reference-values import --nvidia-rim FILE…` runs.
public enum NvidiaRIM {
    /// The claim a GPU's SPDM measurement block `blockIndex` (1-based) appears under: `measurements.<blockIndex>`.
    public static func claim(blockIndex: Int) -> String { "measurements.\(blockIndex)" }

    /// Verifies every RIM (a GPU's driver and VBIOS RIMs) as of `instant` and returns their reference values
    /// together. Throws when a RIM cannot be evaluated or is rejected (naming its failed checks), and when two RIMs
    /// both have an active measurement at one index (NVIDIA's verifier refuses such a pair too).
    public static func referenceValues(
        rims: [[UInt8]], at instant: Date, verifier: RIMVerifier = RIMVerifier()
    ) throws(NvidiaRIMError) -> [ReferenceValue] {
        var values: [ReferenceValue] = []
        var owners: [Int: String] = [:]
        for bytes in rims {
            let verification = try verifier.verify(bytes, at: instant)
            let rimValues = try verification.referenceValues()
            for measurement in verification.manifest.activeMeasurements {
                if let first = owners[measurement.index] {
                    throw NvidiaRIMError.conflictingMeasurement(
                        index: measurement.index, first: first, second: verification.manifest.tagID)
                }
                owners[measurement.index] = verification.manifest.tagID
            }
            values += rimValues
        }
        return values
    }
}
