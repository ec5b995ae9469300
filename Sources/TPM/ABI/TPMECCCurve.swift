/// A TPM_ECC_CURVE identifier (TCG Algorithm Registry).
public struct TPMECCCurve: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// TPM_ECC_NIST_P256.
    public static let nistP256 = Self(rawValue: 0x0003)
    /// TPM_ECC_NIST_P384.
    public static let nistP384 = Self(rawValue: 0x0004)
    /// TPM_ECC_NIST_P521.
    public static let nistP521 = Self(rawValue: 0x0005)

    /// The length in bytes of a coordinate on this curve, for the curves Assay computes with.
    public var coordinateSize: Int? {
        switch self {
        case .nistP256: return 32
        case .nistP384: return 48
        case .nistP521: return 66
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .nistP256: return "P-256"
        case .nistP384: return "P-384"
        case .nistP521: return "P-521"
        default: return "curve 0x\(String(rawValue, radix: 16))"
        }
    }
}
