import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// sev-snp-measure (PyPI), the independent oracle: computes launch digests for many cases in one Python process
/// through its library (its CLI would start Python once per case).
enum SEVSNPMeasureOracle {
    /// One case, as both sides compute it.
    struct Case: Sendable, CustomStringConvertible {
        let ovmf: String
        let vcpus: Int
        let vcpuSignature: UInt32
        let vmm: String
        let guestFeatures: UInt64
        let kernel: String?
        let initrd: String?
        let append: String?

        var json: JSONValue {
            .object([
                "ovmf": .string(ovmf), "vcpus": .integer(Int64(vcpus)), "sig": .integer(Int64(vcpuSignature)),
                "vmm": .string(vmm), "features": .integer(Int64(guestFeatures)), "kernel": kernel.map(JSONValue.string) ?? .null,
                "initrd": initrd.map(JSONValue.string) ?? .null, "append": append.map(JSONValue.string) ?? .null,
            ])
        }

        var description: String {
            "\((ovmf as NSString).lastPathComponent) vcpus=\(vcpus) sig=0x\(String(vcpuSignature, radix: 16)) vmm=\(vmm) "
                + "features=0x\(String(guestFeatures, radix: 16)) kernel=\(kernel != nil) initrd=\(initrd != nil) append=\(append ?? "-")"
        }
    }

    static let script = """
        import json, sys
        from sevsnpmeasure.guest import calc_launch_digest
        from sevsnpmeasure.sev_mode import SevMode
        from sevsnpmeasure.vmm_types import VMMType
        vmm = {"qemu": VMMType.QEMU, "ec2": VMMType.ec2, "gce": VMMType.gce}
        out = []
        for case in json.load(sys.stdin):
            digest = calc_launch_digest(SevMode.SEV_SNP, case["vcpus"], case["sig"], case["ovmf"], case["kernel"],
                                        case["initrd"], case["append"], case["features"], vmm_type=vmm[case["vmm"]])
            out.append(digest.hex())
        json.dump(out, sys.stdout)
        """

    /// Whether python3 can import sev-snp-measure.
    static var isInstalled: Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import sevsnpmeasure"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    static let missingReason = "sev-snp-measure is not installed for python3 (scripts/test.sh installs it)"

    /// The oracle's digests (hex), in case order; fails the test when sev-snp-measure is missing.
    static func digests(_ cases: [Case]) throws -> [String] {
        try #require(isInstalled, Comment(rawValue: missingReason))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(JSONValue.array(cases.map(\.json)).compactBytes))
        try input.fileHandleForWriting.close()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sev-snp-measure failed: \(problems)")
        return try #require(try JSONValue(parsing: Array(text)).arrayValue?.compactMap(\.stringValue))
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test that cross-checks with sev-snp-measure when it is installed, and always in CI (where the oracle
    /// then fails it); elsewhere it is skipped with the reason.
    static var sevSNPMeasure: Self {
        .enabled(if: SEVSNPMeasureOracle.isInstalled || SharedVectors.isCI, Comment(rawValue: SEVSNPMeasureOracle.missingReason))
    }
}
