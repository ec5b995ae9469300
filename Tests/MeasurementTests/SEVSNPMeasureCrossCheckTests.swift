import AssayTestSupport
import AttestationCore
import Foundation
import Measurement
import Testing

/// `SNPLaunchMeasurement` against sev-snp-measure over many parameter combinations: the edk2 fixtures of the
/// shared vectors (AmdSev with kernel hashes, OvmfPkgX64) and Debian's OVMF.fd, vCPU counts 1–64, every vCPU type,
/// every VMM type, several guest-feature values, and measured direct boot with random kernels, initrds and command
/// lines.
@Suite(.sharedVectors, .sevSNPMeasure) struct SEVSNPMeasureCrossCheckTests {
    /// Debian's `ovmf` package's OVMF.fd (scripts/test.sh extracts it and sets ASSAY_OVMF); nil outside CI when
    /// absent.
    static func debianOVMF() throws -> String? {
        let path = ProcessInfo.processInfo.environment["ASSAY_OVMF"] ?? "/usr/share/ovmf/OVMF.fd"
        if FileManager.default.fileExists(atPath: path) { return path }
        try #require(!SharedVectors.isCI, "Debian's OVMF.fd is missing at \(path) (scripts/test.sh extracts it and sets ASSAY_OVMF)")
        return nil
    }

    static func measure(_ testCase: SEVSNPMeasureOracle.Case) throws -> String {
        let firmware = try OVMFImage(data: Array(try Data(contentsOf: URL(fileURLWithPath: testCase.ovmf))))
        let hashes = try testCase.kernel.map { kernel in
            SEVHashTable(
                kernel: Array(try Data(contentsOf: URL(fileURLWithPath: kernel))),
                initrd: try testCase.initrd.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }, commandLine: testCase.append)
        }
        let measurement = try SNPLaunchMeasurement(
            firmware: firmware, vcpus: testCase.vcpus, vcpuSignature: testCase.vcpuSignature,
            vmm: try #require(VMMType(rawValue: testCase.vmm)), guestFeatures: testCase.guestFeatures, kernelHashes: hashes)
        return Hex.encode(try measurement.digest())
    }

    static func compare(_ cases: [SEVSNPMeasureOracle.Case]) throws {
        let expected = try SEVSNPMeasureOracle.digests(cases)
        try #require(expected.count == cases.count)
        var mismatches = 0
        for (testCase, oracle) in zip(cases, expected) {
            let ours = try measure(testCase)
            if ours != oracle {
                mismatches += 1
                Issue.record("\(testCase): assay \(ours), sev-snp-measure \(oracle)")
            }
        }
        #expect(mismatches == 0)
    }

    @Test func firmwareVCPUsTypesVMMsAndFeaturesAgree() throws {
        try SharedVectors.require()
        let measure = SharedVectors.root.appendingPathComponent("measure")
        var firmware = ["ovmf_AmdSev_suffix.bin", "ovmf_OvmfX64_suffix.bin"].map { measure.appendingPathComponent($0).path }
        for path in firmware { try #require(FileManager.default.fileExists(atPath: path), "missing vector \(path)") }
        if let debian = try Self.debianOVMF() { firmware.append(debian) }
        var random = SplitMix64(state: 0x5eed_0022)
        let signatures = VCPUTypeList.all
        var cases: [SEVSNPMeasureOracle.Case] = []
        for ovmf in firmware {
            for (index, signature) in signatures.enumerated() {
                for vmm in ["qemu", "ec2", "gce"] {
                    let vcpus = [1, 2, 3, 4, 8, 16, 31, 64][(index + cases.count) % 8]
                    let features: UInt64 = [0x1, 0x21, 0x5, UInt64(random.next() & 0xFFFF) | 1][cases.count % 4]
                    cases.append(.init(ovmf: ovmf, vcpus: vcpus, vcpuSignature: signature, vmm: vmm, guestFeatures: features, kernel: nil, initrd: nil, append: nil))
                }
            }
        }
        #expect(cases.count >= 2 * 16 * 3)
        try Self.compare(cases)
    }

    @Test func measuredDirectBootWithRandomKernelsInitrdsAndCommandLinesAgrees() throws {
        try SharedVectors.require()
        let ovmf = SharedVectors.root.appendingPathComponent("measure/ovmf_AmdSev_suffix.bin").path
        try #require(FileManager.default.fileExists(atPath: ovmf), "missing vector \(ovmf)")
        let directory = try AssayProcess.scratch()
        var random = SplitMix64(state: 0xb007)
        var cases: [SEVSNPMeasureOracle.Case] = []
        let commandLines = [nil, "", "console=ttyS0", "root=/dev/vda1 ro quiet splash", "ünïcode=✓ " + String(repeating: "x", count: 300)]
        for index in 0..<24 {
            let kernel = directory.appendingPathComponent("kernel-\(index)")
            try Data((0..<Int(random.next() % 200_000 + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(to: kernel)
            var initrd: String?
            if index % 3 != 0 {
                let url = directory.appendingPathComponent("initrd-\(index)")
                try Data((0..<Int(random.next() % 50_000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(to: url)
                initrd = url.path
            }
            cases.append(
                .init(
                    ovmf: ovmf, vcpus: Int(random.next() % 64) + 1, vcpuSignature: VCPUTypeList.all[index % VCPUTypeList.all.count],
                    vmm: ["qemu", "ec2", "gce"][index % 3], guestFeatures: 0x1, kernel: kernel.path, initrd: initrd,
                    append: commandLines[index % commandLines.count]))
        }
        try Self.compare(cases)
    }
}

/// Every `--vcpu-type`'s signature.
enum VCPUTypeList {
    static var all: [UInt32] { VCPUType.names.compactMap(VCPUType.signature(named:)) }
}
