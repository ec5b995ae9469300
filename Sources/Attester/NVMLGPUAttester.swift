public import AttestationCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Collects the GPUs' attestation reports through NVIDIA's management library (NVML), loaded at run time from
/// `libnvidia-ml.so.1` (the driver installs it; `ASSAY_NVML_LIBRARY` names another path), and returns nvtrust's
/// evidence list: `[{"arch", "certificate": base64(PEM chain), "evidence": base64(request ‖ response), "nonce"}]`.
///
/// Each GPU in confidential-computing mode answers `nvmlDeviceGetConfComputeGpuAttestationReport` with an SPDM
/// GET_MEASUREMENTS exchange over the given 32-byte nonce, signed by its device key, and
/// `nvmlDeviceGetConfComputeGpuCertificate` with that key's chain. Nothing here runs without the library: on a
/// machine without NVIDIA's driver the attester says so and what to do.
public struct NVMLGPUAttester: Sendable {
    /// The library's file name.
    public static let libraryName = "libnvidia-ml.so.1"
    /// Size of the nonce NVML takes.
    public static let nonceSize = 32
    /// Most GPUs asked (an HGX board has 8).
    public static let maxDevices = 64

    /// `nvmlConfComputeGpuAttestationReport_t`: three `unsigned int`s, the nonce, the report (8 KiB) and the CEC
    /// report (4 KiB).
    static let reportStructSize = 12 + 32 + 0x2000 + 0x1000
    /// `nvmlConfComputeGpuCertificate_t`: two `unsigned int`s, the device chain (4 KiB) and the attestation chain
    /// (5 KiB).
    static let certificateStructSize = 8 + 0x1000 + 0x1400

    /// The library to load.
    public let library: String

    /// An attester loading `library`, by default `ASSAY_NVML_LIBRARY` or ``libraryName``.
    public init(library: String? = nil) {
        self.library = library ?? ProcessInfo.processInfo.environment["ASSAY_NVML_LIBRARY"] ?? Self.libraryName
    }

    typealias Call = @convention(c) () -> Int32
    typealias CountCall = @convention(c) (UnsafeMutablePointer<UInt32>) -> Int32
    typealias HandleCall = @convention(c) (UInt32, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    typealias DeviceCall = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32
    typealias ErrorStringCall = @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// The evidence list of every GPU, each report over `nonce` (SHA-256 of the runtime data, ARCHITECTURE.md §1).
    public func attest(nonce: [UInt8]) throws -> [UInt8] {
        guard nonce.count == Self.nonceSize else {
            throw AttesterError.valueTooLong(field: "GPU nonce", count: nonce.count, limit: Self.nonceSize)
        }
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw AttesterError.interfaceUnavailable(
                "cannot load NVIDIA's management library \(library) (\(reason)): install the NVIDIA driver in the guest and "
                    + "enable confidential-computing mode on the GPUs, or give evidence collected elsewhere with --gpu-evidence")
        }
        defer { dlclose(handle) }
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else {
                throw AttesterError.interfaceUnavailable(
                    "\(library) has no \(name): a driver with confidential-computing attestation (R535 or later) is needed")
            }
            return unsafeBitCast(pointer, to: type)
        }
        let errorString = try symbol("nvmlErrorString", as: ErrorStringCall.self)
        func check(_ status: Int32, _ call: String) throws {
            guard status != 0 else { return }
            let text = errorString(status).map { String(cString: $0) } ?? "error \(status)"
            throw AttesterError.interfaceFailed(path: library, reason: "\(call) failed: \(text)")
        }
        try check(try symbol("nvmlInit_v2", as: Call.self)(), "nvmlInit_v2")
        let shutdown = try symbol("nvmlShutdown", as: Call.self)
        defer { _ = shutdown() }
        var count: UInt32 = 0
        try check(try symbol("nvmlDeviceGetCount_v2", as: CountCall.self)(&count), "nvmlDeviceGetCount_v2")
        guard count > 0 else { throw AttesterError.interfaceUnavailable("NVML sees no GPU") }
        let devices = min(Int(count), Self.maxDevices)
        let handleByIndex = try symbol("nvmlDeviceGetHandleByIndex_v2", as: HandleCall.self)
        let getReport = try symbol("nvmlDeviceGetConfComputeGpuAttestationReport", as: DeviceCall.self)
        let getCertificate = try symbol("nvmlDeviceGetConfComputeGpuCertificate", as: DeviceCall.self)
        let getArchitecture = try symbol("nvmlDeviceGetArchitecture", as: DeviceCall.self)
        var entries: [JSONValue] = []
        for index in 0..<devices {
            var device: OpaquePointer?
            try check(handleByIndex(UInt32(index), &device), "nvmlDeviceGetHandleByIndex_v2(\(index))")
            var report = [UInt8](repeating: 0, count: Self.reportStructSize)
            report.replaceSubrange(12..<44, with: nonce)
            try check(report.withUnsafeMutableBytes { getReport(device, $0.baseAddress) }, "GPU \(index) attestation report")
            var certificate = [UInt8](repeating: 0, count: Self.certificateStructSize)
            try check(certificate.withUnsafeMutableBytes { getCertificate(device, $0.baseAddress) }, "GPU \(index) certificate")
            var architecture = [UInt8](repeating: 0, count: 4)
            _ = architecture.withUnsafeMutableBytes { getArchitecture(device, $0.baseAddress) }
            entries.append(try Self.entry(report: report, certificate: certificate, architecture: architecture, nonce: nonce))
        }
        return JSONValue.array(entries).compactBytes
    }

    /// One list entry from the structures NVML filled, with their declared sizes checked against the buffers.
    static func entry(report: [UInt8], certificate: [UInt8], architecture: [UInt8], nonce: [UInt8]) throws -> JSONValue {
        func uint32(_ bytes: [UInt8], at offset: Int) -> Int {
            bytes[offset..<(offset + 4)].reversed().reduce(0) { ($0 << 8) | Int($1) }
        }
        let reportSize = uint32(report, at: 4)
        let chainSize = uint32(certificate, at: 4)
        guard (1...0x2000).contains(reportSize), (1...0x1400).contains(chainSize) else {
            throw AttesterError.malformedResponse(
                path: libraryName, reason: "report size \(reportSize) (at most 8192), certificate chain size \(chainSize) (at most 5120)")
        }
        let names: [Int: String] = [9: "HOPPER", 10: "BLACKWELL"]
        return .object([
            "arch": .string(names[uint32(architecture, at: 0)] ?? "UNKNOWN"),
            "certificate": .string(Base64.encode(certificate[(8 + 0x1000)..<(8 + 0x1000 + chainSize)])),
            "evidence": .string(Base64.encode(report[44..<(44 + reportSize)])),
            "nonce": .string(Hex.encode(nonce)),
            "version": "1.0",
        ])
    }
}
