public import AttestationCore

/// What a verifier needs for one device: its report and the certificate chain the device returned (leaf first),
/// plus what an nvtrust evidence list declares beside them.
public struct DeviceEvidence: Sendable, Hashable {
    /// Most certificates read from one device chain (NVIDIA chains have 5).
    public static let maxChainCertificates = 8

    /// The report bytes: GET_MEASUREMENTS request ‖ MEASUREMENTS response.
    public let report: [UInt8]
    /// The device chain as DER certificates, leaf first.
    public let chain: [[UInt8]]
    /// The architecture the list names (`HOPPER`, `BLACKWELL`, `LS10`), if any.
    public let arch: String?
    /// The nonce the list declares (hex), if any: it must equal the request's.
    public let declaredNonce: String?
    /// Other members the list declares (driver and VBIOS versions), unverified.
    public let declared: [String: String]

    public init(report: [UInt8], chain: [[UInt8]], arch: String? = nil, declaredNonce: String? = nil, declared: [String: String] = [:]) {
        self.report = report
        self.chain = chain
        self.arch = arch
        self.declaredNonce = declaredNonce
        self.declared = declared
    }

    /// The certificates of a PEM chain, bounded.
    static func chain(pem: [UInt8], what: String) throws -> [[UInt8]] {
        let certificates: [[UInt8]]
        do { certificates = try PEM.certificates(in: pem) } catch {
            throw NvidiaGPUError.invalidCertificate("\(what) is not a PEM certificate chain (\(error))")
        }
        guard certificates.count <= maxChainCertificates else {
            throw NvidiaGPUError.core(
                .boundExceeded(field: "\(what) certificates", value: certificates.count, limit: maxChainCertificates))
        }
        return certificates
    }
}
