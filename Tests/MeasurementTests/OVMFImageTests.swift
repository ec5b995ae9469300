import AssayTestSupport
import Foundation
@testable import Measurement
import Testing

/// Firmware that is not what SNP measurement needs is refused by name, never trapped on.
@Suite struct OVMFImageTests {
    @Test func imagesThatAreNotWholePagesOrEmptyAreRefused() {
        #expect(throws: MeasurementError.self) { try OVMFImage(data: []) }
        #expect(throws: MeasurementError.self) { try OVMFImage(data: [UInt8](repeating: 0, count: 4097)) }
    }

    @Test func anImageWithoutAFooterTableHasNoSectionsAndNoResetAddress() throws {
        let image = try OVMFImage(data: [UInt8](repeating: 0xFF, count: 8192))
        #expect(image.sections.isEmpty)
        #expect(image.gpa == 0x1_0000_0000 - 8192)
        #expect(throws: MeasurementError.self) { try image.sevESResetEIP() }
        let single = try SNPLaunchMeasurement(firmware: image, vcpus: 1, vcpuSignature: 0x800F12)
        #expect(try single.digest().count == 48, "one vCPU needs no AP reset address")
        let several = try SNPLaunchMeasurement(firmware: image, vcpus: 2, vcpuSignature: 0x800F12)
        #expect(throws: MeasurementError.self) { try several.digest() }
    }

    @Test func hostileFooterTablesAreRefusedNotTrappedOn() throws {
        // A footer entry (GUID 96b582de-…) whose size claims more table than the image holds, and one whose entries
        // have sizes smaller than their header.
        let footer = OVMFImage.footerGUID.bytes
        for claimed: UInt16 in [0xFFFF, 18 + 17, 18 + 40] {
            var data = [UInt8](repeating: 0, count: 4096)
            let start = data.count - 32 - 18
            data[start] = UInt8(claimed & 0xFF)
            data[start + 1] = UInt8(claimed >> 8)
            data.replaceSubrange((start + 2)..<(start + 18), with: footer)
            do {
                let image = try OVMFImage(data: data)
                #expect(image.sections.isEmpty)
            } catch let error as MeasurementError {
                #expect("\(error)".contains("footer"), "\(error)")
            }
        }
    }

    @Test func aKernelNeedsTheKernelHashesSection() throws {
        try SharedVectors.require()
        let path = SharedVectors.root.appendingPathComponent("measure/ovmf_OvmfX64_suffix.bin")
        let image = try OVMFImage(data: Array(try Data(contentsOf: path)))
        let measurement = try SNPLaunchMeasurement(
            firmware: image, vcpus: 1, vcpuSignature: 0x800F12, kernelHashes: SEVHashTable(kernel: [1], initrd: nil, commandLine: nil))
        #expect(throws: MeasurementError.noKernelHashes) { try measurement.digest() }
    }

    @Test func parametersOutOfRangeAreRefused() throws {
        let image = try OVMFImage(data: [UInt8](repeating: 0, count: 4096))
        #expect(throws: MeasurementError.self) { try SNPLaunchMeasurement(firmware: image, vcpus: 0, vcpuSignature: 0) }
        #expect(throws: MeasurementError.self) { try SNPLaunchMeasurement(firmware: image, firmwareDigest: [1, 2], vcpus: 1, vcpuSignature: 0) }
    }

    @Test func vcpuSignaturesFollowAMDsFamilyEncoding() {
        #expect(VCPUType.signature(named: "EPYC-v4") == 0x800F12)
        #expect(VCPUType.signature(named: "EPYC-Milan") == 0xA00F11)
        #expect(VCPUType.signature(named: "EPYC-Genoa") == 0xA10F10)
        #expect(VCPUType.signature(named: "EPYC-Turin") == 0xB00F00)
        #expect(VCPUType.signature(named: "Pentium") == nil)
    }
}
