public import AttestationCore
import X509

/// The EK (and AK) certificate authorities a long-running verifier trusts for every TPM it sees, as an operator
/// configures them (`assay serve --tpm-ek-roots`): the self-signed certificates are the trusted roots, any others
/// are intermediates a chain may pass through on its way to one of them.
///
/// A verification context that names its own trust anchors keeps them; these apply only to contexts that do not.
public struct TPMEndorsementRoots: Sendable, Hashable {
    /// Most certificates one configuration may hold.
    public static let maxCertificates = 256

    /// The self-signed roots.
    public let anchors: [TrustAnchor]
    /// The other certificates, as collateral for chain building.
    public let intermediates: [CollateralItem]

    /// Sorts `certificates` (DER, each named by where it came from) into roots and intermediates; throws when one
    /// is not a certificate, when there are more than ``maxCertificates``, or when none is self-signed.
    public init(certificates: [(source: String, der: [UInt8])]) throws {
        guard certificates.count <= Self.maxCertificates else {
            throw TPMError.invalidCertificate(
                role: "TPM EK CA set",
                reason: "\(certificates.count) certificates is above the limit of \(Self.maxCertificates); keep only the CAs of the TPMs you accept")
        }
        var anchors: [TrustAnchor] = []
        var intermediates: [CollateralItem] = []
        for (source, der) in certificates {
            let certificate: Certificate
            do { certificate = try Certificate(derEncoded: der) } catch {
                throw TPMError.invalidCertificate(role: "TPM EK CA certificate from \(source)", reason: "\(error)")
            }
            if certificate.subject == certificate.issuer {
                anchors.append(TrustAnchor(name: "\(certificate.subject) (\(source))", derBytes: der))
            } else {
                intermediates.append(CollateralItem(source: source, bytes: der))
            }
        }
        guard !anchors.isEmpty else {
            throw TPMError.invalidCertificate(
                role: "TPM EK CA set",
                reason: "no self-signed root among its \(certificates.count) certificates; add the manufacturer's root CA certificate")
        }
        self.anchors = anchors
        self.intermediates = intermediates
    }

    /// `context` with these roots and intermediates, unless it names trust anchors of its own; the built-in
    /// pinned roots that arrive as collateral (GCE's) stay trusted beside them.
    public func applied(to context: VerificationContext) -> VerificationContext {
        guard context.trustAnchors == nil else { return context }
        var context = context
        context.trustAnchors = anchors + TPMTrustStore.pinnedAnchors(in: context.collateral)
        context.collateral += intermediates
        return context
    }
}
