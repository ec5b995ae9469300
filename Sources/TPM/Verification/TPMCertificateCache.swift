import AttestationCore
import PKI
import X509

/// EK and AK certificates as a ``TPMVerifier`` has already read them, keyed by their exact DER bytes
/// (AttestationCore's ``BoundedCache`` and ``ExactBytes``): the certificate parsed by swift-certificates and by PKI,
/// its claims, and the results of certificate signature checks (PKI's ``CertificateSignatureCache``).
///
/// Nothing that depends on time is kept: validity at the instant and the chain's policy are checked on every call.
final class TPMCertificateCache: Sendable {
    /// Certificates parsed by both readers, by DER.
    let parsed: BoundedCache<ExactBytes, TPMTrustStore.ParsedCertificate>
    /// The `<role>_certificate` claims of a certificate, by DER.
    let claims: BoundedCache<ExactBytes, JSONValue>
    /// Certificate signatures, shared by every path search.
    let signatures: CertificateSignatureCache

    init(capacity: Int) {
        parsed = BoundedCache(limit: capacity)
        claims = BoundedCache(limit: capacity)
        signatures = CertificateSignatureCache(limit: capacity * 4)
    }

    /// `der` parsed once (a failure is not remembered and is thrown again next time).
    func parse(_ der: [UInt8], role: @autoclosure () -> String) throws -> TPMTrustStore.ParsedCertificate {
        try parsed.value(for: ExactBytes(der)) { try TPMTrustStore.parse(der, role: role()) }
    }

    /// The claims of `certificate`, whose encoding is `der`, computed once.
    func claims(of certificate: Certificate, der: [UInt8]) -> JSONValue {
        claims.value(for: ExactBytes(der)) { certificate.tcgClaims(der: der) }
    }
}
