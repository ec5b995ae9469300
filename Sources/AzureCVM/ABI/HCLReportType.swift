/// The IGVM request's report type: which hardware report the HCL report carries.
public struct HCLReportType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// An AMD SEV-SNP attestation report (1184 bytes).
    public static let snp = HCLReportType(rawValue: 2)
    /// An Intel TDX TDREPORT (1024 bytes, in the 1184-byte slot).
    public static let tdx = HCLReportType(rawValue: 4)

    public var description: String {
        switch self {
        case .snp: return "SNP"
        case .tdx: return "TDX"
        default: return "unknown (\(rawValue))"
        }
    }
}
