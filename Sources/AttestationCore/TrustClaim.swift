/// An AR4SI trustworthiness claim value (-128…127); its range gives its ``TrustTier``.
public struct TrustClaim: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int8
    public init(rawValue: Int8) { self.rawValue = rawValue }

    /// The tier: -1…1 none, 2…31 affirming, 32…95 warning, 96…127 contraindicated (and the negative mirror).
    public var tier: TrustTier {
        switch abs(Int(rawValue)) {
        case 0...1: return .none
        case 2...31: return .affirming
        case 32...95: return .warning
        default: return .contraindicated
        }
    }

    public var description: String { "\(rawValue) (\(tier.rawValue))" }

    /// -1: the verifier malfunctioned during appraisal.
    public static let verifierMalfunction = TrustClaim(rawValue: -1)
    /// 0: no claim is made (the evidence is insufficient to conclude).
    public static let noClaim = TrustClaim(rawValue: 0)
    /// 1: the evidence has elements the verifier cannot parse.
    public static let unexpectedEvidence = TrustClaim(rawValue: 1)
    /// 99: cryptographic validation of the evidence failed (any component).
    public static let cryptoValidationFailed = TrustClaim(rawValue: 99)

    /// instance-identity 2: recognized and not known to be compromised.
    public static let trustworthyInstance = TrustClaim(rawValue: 2)
    /// instance-identity 96: recognized but not trustworthy.
    public static let untrustworthyInstance = TrustClaim(rawValue: 96)
    /// instance-identity 97: not recognized though it should be.
    public static let unrecognizedInstance = TrustClaim(rawValue: 97)

    /// configuration 2: a known and approved configuration.
    public static let approvedConfig = TrustClaim(rawValue: 2)
    /// configuration 3: no known vulnerabilities.
    public static let noConfigVulns = TrustClaim(rawValue: 3)
    /// configuration 32: known vulnerabilities.
    public static let unsafeConfig = TrustClaim(rawValue: 32)
    /// configuration 96: unacceptable security vulnerabilities.
    public static let unsupportableConfig = TrustClaim(rawValue: 96)

    /// executables 2: only approved boot- and run-time objects.
    public static let approvedRuntime = TrustClaim(rawValue: 2)
    /// executables 3: only approved boot-time objects.
    public static let approvedBoot = TrustClaim(rawValue: 3)
    /// executables 32: recognized but with known vulnerabilities.
    public static let unsafeRuntime = TrustClaim(rawValue: 32)
    /// executables 33: unrecognized run-time objects.
    public static let unrecognizedRuntime = TrustClaim(rawValue: 33)
    /// executables 96: contraindicated run-time objects.
    public static let contraindicatedRuntime = TrustClaim(rawValue: 96)

    /// hardware 2: genuine hardware/firmware.
    public static let genuineHardware = TrustClaim(rawValue: 2)
    /// hardware 32: genuine but with known vulnerabilities.
    public static let unsafeHardware = TrustClaim(rawValue: 32)
    /// hardware 96: genuine but contraindicated.
    public static let contraindicatedHardware = TrustClaim(rawValue: 96)
    /// hardware 97: unrecognized though it should be.
    public static let unrecognizedHardware = TrustClaim(rawValue: 97)

    /// runtime-opaque 2: memory encrypted, opaque to the host.
    public static let encryptedMemoryRuntime = TrustClaim(rawValue: 2)
    /// runtime-opaque 32: memory isolated.
    public static let isolatedMemoryRuntime = TrustClaim(rawValue: 32)
    /// runtime-opaque 96: memory visible to the host.
    public static let visibleMemoryRuntime = TrustClaim(rawValue: 96)
}
