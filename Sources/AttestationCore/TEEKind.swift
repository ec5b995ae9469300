/// The kind of trusted execution environment that produced a piece of evidence (`sample`, `snp`, `tdx`, …).
///
/// An open set: each TEE module declares its own kind, and the `assay` executable registers them.
public struct TEEKind: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The lowercase identifier used on the command line, in claims and in EAR submodule names.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: TEEKind, rhs: TEEKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The software TEE for development and demos (never affirming hardware).
    public static let sample: TEEKind = "sample"
    /// AMD SEV-SNP.
    public static let snp: TEEKind = "snp"
    /// Intel TDX (DCAP quotes v4/v5).
    public static let tdx: TEEKind = "tdx"
    /// Intel SGX (DCAP quotes v3).
    public static let sgx: TEEKind = "sgx"
    /// TPM 2.0 quotes.
    public static let tpm: TEEKind = "tpm"
    /// AWS Nitro Enclaves attestation documents.
    public static let nitro: TEEKind = "nitro"
    /// NVIDIA GPUs (Hopper, Blackwell) and NVSwitches in confidential-computing mode: SPDM measurement reports.
    public static let nvidia: TEEKind = "nvidia"
}
