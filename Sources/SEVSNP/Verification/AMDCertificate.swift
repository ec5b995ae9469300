import AttestationCore
public import PKI

/// A certificate of the AMD SEV-SNP PKI (ARK, ASK, ASVK, VCEK or VLEK) with its role and AMD extensions.
///
/// Built on PKI's ``X509Certificate`` (RSASSA-PSS, serial 0); the role comes from the subject common name as
/// AMD KDS issues it (`ARK-Milan`, `SEV-Milan`, `SEV-VLEK-Milan`, `SEV-VCEK`, `SEV-VLEK`).
public struct AMDCertificate: Sendable {
    /// The role of a certificate in the AMD PKI.
    public enum Role: String, Sendable, Hashable {
        /// AMD Root Key (self-signed, per generation).
        case ark
        /// AMD SEV Key: signs VCEKs.
        case ask
        /// AMD SEV VLEK Key: signs VLEKs.
        case asvk
        /// Versioned Chip Endorsement Key.
        case vcek
        /// Versioned Loaded Endorsement Key.
        case vlek
        /// Anything else (e.g. a certificate of another vendor in a collateral directory).
        case other
    }

    /// The parsed certificate.
    public let certificate: X509Certificate
    /// Its role.
    public let role: Role
    /// The generation its name or productName states, if any.
    public let generation: ProductGeneration?
    /// The AMD extensions (empty for ARK/ASK).
    public let extensions: EndorsementExtensions
    /// The subject public key, if it is one Assay verifies with.
    public let publicKey: VerificationKey?

    /// Reads a DER certificate; `source` names it in errors.
    public init(derEncoded der: [UInt8], source: String) throws {
        do {
            certificate = try X509Certificate(derEncoded: der)
        } catch {
            throw SEVSNPError.malformedCollateral(source: source, reason: "\(error)")
        }
        let name = certificate.subjectCommonName ?? ""
        extensions = try EndorsementExtensions(certificate.extensions)
        publicKey = try? certificate.publicKey()
        switch name {
        case "SEV-VCEK": role = .vcek
        case "SEV-VLEK": role = .vlek
        case _ where name.hasPrefix("ARK-"): role = .ark
        case _ where name.hasPrefix("SEV-VLEK-"): role = .asvk
        case _ where name.hasPrefix("SEV-"): role = .ask
        default: role = .other
        }
        switch role {
        case .vcek, .vlek: generation = extensions.productName.flatMap(ProductGeneration.init(productName:))
        case .ark, .ask, .asvk:
            generation = name.split(separator: "-").last.flatMap { ProductGeneration(productName: String($0)) }
        case .other: generation = nil
        }
    }

    /// The subject common name, or "(no CN)".
    public var name: String { certificate.subjectCommonName ?? "(no CN)" }

    /// Whether `issuer` signed this certificate.
    public func isSigned(by issuer: AMDCertificate) -> Bool {
        guard let key = issuer.publicKey else { return false }
        return certificate.isSignatureValid(key: key)
    }
}
