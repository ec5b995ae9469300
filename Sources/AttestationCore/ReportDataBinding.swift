import Crypto

/// How a TEE binds runtime data into its evidence (the binding rule of ARCHITECTURE.md §1).
public enum ReportDataBinding: Sendable, Hashable {
    /// `REPORT_DATA` (64 bytes) = SHA-512 of the runtime-data bytes: SEV-SNP, TDX, SGX, Sample TEE.
    case sha512
    /// `extraData` (qualifying data, 32 bytes) = SHA-256 of the runtime-data bytes: TPM 2.0.
    case sha256
    /// First 32 bytes = SHA-256 of the runtime-data bytes, the rest zero (64 bytes): Azure's HCL report.
    case sha256ZeroPadded

    /// The bound value for these runtime-data bytes.
    public func digest(of bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha512: return Array(SHA512.hash(data: bytes))
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha256ZeroPadded: return Array(SHA256.hash(data: bytes)) + [UInt8](repeating: 0, count: 32)
        }
    }
}

/// What the report data of a piece of evidence must be: derived from runtime data, or given exactly.
public enum ExpectedReportData: Sendable, Hashable {
    /// The evidence must be bound to these runtime-data bytes by the TEE's binding rule.
    case runtimeData(RuntimeData)
    /// The report data must equal these bytes; a shorter value is zero-padded to the field's length.
    case exact([UInt8])

    /// The expected value of a report-data field of `length` bytes under `binding`.
    public func bytes(for binding: ReportDataBinding, length: Int) -> [UInt8] {
        switch self {
        case .runtimeData(let runtimeData):
            return runtimeData.reportData(for: binding)
        case .exact(let bytes):
            guard bytes.count < length else { return bytes }
            return bytes + [UInt8](repeating: 0, count: length - bytes.count)
        }
    }
}
