import Crypto
import Foundation
import Measurement

extension BenchmarkSuite {
    /// SEV-SNP launch digests of a full OVMF image with 4 vCPUs, and its TDX MRTD (the image carries TDVF metadata),
    /// against the floor, SHA-384 over the image's bytes.
    /// The image is $ASSAY_OVMF (scripts/test.sh extracts Debian's OVMF.fd into .build/test-firmware) or the
    /// installed /usr/share/ovmf/OVMF.fd.
    public static func measure() throws -> BenchmarkSuite {
        let environment = ProcessInfo.processInfo.environment["ASSAY_OVMF"]
        let candidates = [environment, ".build/test-firmware/usr/share/ovmf/OVMF.fd", "/usr/share/ovmf/OVMF.fd"].compactMap { $0 }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw BenchmarkError.missingVector(path: candidates.joined(separator: " or "))
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let measurement = try SNPLaunchMeasurement(
            firmware: try OVMFImage(data: bytes), vcpus: 4, vcpuSignature: VCPUType.signature(named: "EPYC-v4") ?? 0)
        let tdx = try TDXBuildMeasurement(firmware: try OVMFImage(data: bytes))
        return BenchmarkSuite(
            name: "measure",
            summary: "SEV-SNP launch digests of \((path as NSString).lastPathComponent) (\(bytes.count / 1024) KiB, 4 vCPUs) and its TDX MRTD vs. SHA-384 over the image",
            cases: [
                signatureBaseline("SHA-384 over the image (baseline)") { SHA384.hash(data: bytes).withUnsafeBytes { $0.count } == 48 },
                Case(name: "assay measure snp (launch digest)") { _ = try measurement.digest() },
                Case(name: "assay measure tdx (MRTD)") { _ = tdx.mrtd() },
            ])
    }
}
