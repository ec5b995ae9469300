import AssayTestSupport
import AttestationCore
import Foundation
import Measurement
import Testing

/// `TDXBuildMeasurement` (MRTD) against scripts/interop/tdx_measure_reference.py, an independent Python
/// computation written from the specifications (no PyPI package computes MRTD from a TDVF image): Debian's OVMF.fd
/// (an OvmfPkgX64 build with TDVF metadata) and 40 synthetic TDVF images with random contents and section layouts
/// (MR.EXTEND on and off, PAGE.AUG, memory larger than the raw data). Malformed metadata is refused by name.
struct TDXMeasurementTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/interop/tdx_measure_reference.py").path

    /// The reference's MRTDs for `paths`, in order.
    static func referenceMRTDs(_ paths: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", reference] + paths
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "tdx_measure_reference.py failed: \(problems)")
        return text.split(separator: "\n").map(String.init)
    }

    /// One section as the metadata stores it.
    struct Section {
        var dataOffset: UInt32, rawDataSize: UInt32, address: UInt64, memorySize: UInt64, kind: UInt32, attributes: UInt32
    }

    /// A `pages`-page image whose footer table has only the TDX metadata entry, the metadata in its last page.
    static func image(pages: Int, sections: [Section], fill: (Int) -> UInt8, signature: String = "TDVF") -> [UInt8] {
        var image = (0..<(pages * 4096)).map(fill)
        let count = image.count
        func put(_ value: UInt64, _ width: Int, at offset: Int) {
            for index in 0..<width { image[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
        }
        func guid(_ text: String, at offset: Int) {
            let hex = Array(text.filter { $0 != "-" })
            let raw = stride(from: 0, to: 32, by: 2).map { UInt8(String(hex[$0..<($0 + 2)]), radix: 16) ?? 0 }
            let bytes = Array(raw[0..<4].reversed()) + Array(raw[4..<6].reversed()) + Array(raw[6..<8].reversed()) + Array(raw[8...])
            image.replaceSubrange(offset..<(offset + 16), with: bytes)
        }
        let metadata = count - 4096 + 256
        image.replaceSubrange(metadata..<(metadata + 4), with: Array(signature.utf8))
        put(UInt64(16 + 32 * sections.count), 4, at: metadata + 4)
        put(1, 4, at: metadata + 8)
        put(UInt64(sections.count), 4, at: metadata + 12)
        for (index, section) in sections.enumerated() {
            let at = metadata + 16 + 32 * index
            put(UInt64(section.dataOffset), 4, at: at)
            put(UInt64(section.rawDataSize), 4, at: at + 4)
            put(section.address, 8, at: at + 8)
            put(section.memorySize, 8, at: at + 16)
            put(UInt64(section.kind), 4, at: at + 24)
            put(UInt64(section.attributes), 4, at: at + 28)
        }
        guid("96b582de-1fb2-45f7-baea-a366c55a082d", at: count - 48)
        put(40, 2, at: count - 50)
        guid("e47a6535-984a-4798-865e-4685a7bf8ec2", at: count - 66)
        put(22, 2, at: count - 68)
        put(UInt64(count - metadata), 4, at: count - 72)
        return image
    }

    @Test func mrtdMatchesTheIndependentReference() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tdx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix64(state: 0x7D5F)
        var paths: [String] = []
        var images: [[UInt8]] = []
        for index in 0..<40 {
            let pages = Int.random(in: 8...40, using: &random)
            // The BFV: image pages below the metadata page, mapped to end at 4 GiB like edk2's.
            let bfvPages = Int.random(in: 1...(pages - 1), using: &random)
            let bfvOffset = (pages - 1 - bfvPages) * 4096
            var sections = [
                Section(
                    dataOffset: UInt32(bfvOffset), rawDataSize: UInt32(bfvPages * 4096), address: 0x1_0000_0000 - UInt64((pages - bfvOffset / 4096) * 4096),
                    memorySize: UInt64(bfvPages * 4096), kind: 0, attributes: index % 5 == 0 ? 0 : 1)
            ]
            for extra in 0..<Int.random(in: 0...4, using: &random) {
                let raw = Int.random(in: 0...2, using: &random) * 4096 + (extra == 1 ? 100 : 0)
                sections.append(
                    Section(
                        dataOffset: UInt32(Int.random(in: 0...max(0, (pages - 1) * 4096 - raw), using: &random)), rawDataSize: UInt32(raw),
                        address: 0x80_0000 + UInt64(extra) * 0x10_0000, memorySize: UInt64(raw / 4096 + Int.random(in: 1...3, using: &random)) * 4096,
                        kind: UInt32.random(in: 1...6, using: &random), attributes: [0, 1, 2, 3][Int.random(in: 0...3, using: &random)]))
            }
            let seed = UInt8.random(in: 0...255, using: &random)
            let image = Self.image(pages: pages, sections: sections, fill: { UInt8(truncatingIfNeeded: $0 &* 7) ^ seed })
            let path = directory.appendingPathComponent("tdvf-\(index).fd").path
            try Data(image).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            images.append(image)
        }
        if let debian = try SEVSNPMeasureCrossCheckTests.debianOVMF() {
            paths.append(debian)
            images.append(Array(try Data(contentsOf: URL(fileURLWithPath: debian))))
        }
        let expected = try Self.referenceMRTDs(paths)
        try #require(expected.count == paths.count)
        for (index, image) in images.enumerated() {
            let measurement = try TDXBuildMeasurement(firmware: try OVMFImage(data: image))
            #expect(Hex.encode(measurement.mrtd()) == expected[index], "\(paths[index])")
        }
    }

    @Test(.enabled(if: (try? SEVSNPMeasureCrossCheckTests.debianOVMF()) != nil || SharedVectors.isCI, "Debian's OVMF.fd is missing (scripts/test.sh extracts it)"))
    func debianOVMFHasTheTDVFLayoutOfEdk2() throws {
        let path = try #require(try SEVSNPMeasureCrossCheckTests.debianOVMF() ?? nil, "Debian's OVMF.fd is needed (scripts/test.sh)")
        let sections = try OVMFImage(data: Array(try Data(contentsOf: URL(fileURLWithPath: path)))).tdvfSections()
        #expect(sections.map(\.kind) == [.bfv, .cfv, .tempMem, .tempMem, .tdHOB, .tempMem])
        #expect(sections.filter(\.isExtended).map(\.kind) == [.bfv])
        #expect(sections.first.map { $0.memoryAddress + $0.memoryDataSize } == 0x1_0000_0000)
    }

    @Test func malformedMetadataIsRefusedByName() throws {
        let bfv = Section(dataOffset: 0, rawDataSize: 4096, address: 0xFFFF_0000, memorySize: 4096, kind: 0, attributes: 1)
        func refusal(_ image: [UInt8]) -> String {
            do {
                _ = try TDXBuildMeasurement(firmware: try OVMFImage(data: image))
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(refusal(Self.image(pages: 4, sections: [bfv], fill: { _ in 0 }, signature: "ASEV")).contains("'TDVF'"))
        var outside = bfv
        outside.rawDataSize = 5 * 4096
        outside.memorySize = 5 * 4096
        #expect(refusal(Self.image(pages: 4, sections: [outside], fill: { _ in 0 })).contains("unified OVMF.fd"))
        var huge = bfv
        huge.memorySize = 1 << 40
        #expect(refusal(Self.image(pages: 4, sections: [huge], fill: { _ in 0 })).contains("whole 4 KiB pages"))
        var unaligned = bfv
        unaligned.address += 1
        #expect(refusal(Self.image(pages: 4, sections: [unaligned], fill: { _ in 0 })).contains("whole 4 KiB pages"))
        var unknown = bfv
        unknown.kind = 9
        #expect(refusal(Self.image(pages: 4, sections: [unknown], fill: { _ in 0 })).contains("unknown type 9"))
        #expect(refusal([UInt8](repeating: 0, count: 8192)).contains("TDX metadata"))
        let tooMany = Array(repeating: bfv, count: OVMFImage.maxEntries + 1)
        #expect(refusal(Self.image(pages: 4, sections: tooMany, fill: { _ in 0 })).contains("do not fit"))
    }
}
