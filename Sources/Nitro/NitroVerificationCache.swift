import AttestationCore
import PKI

/// What ``NitroVerifier`` remembers between calls, keyed by exact bytes (AttestationCore's ``BoundedCache`` and
/// ``ExactBytes``): parsed certificates and their public keys, and certificate signature results (PKI's
/// ``CertificateSignatureCache``), so a document from a known chain costs one P-384 verify.
///
/// Nothing that depends on time is kept: validity windows, the timestamp and the document's own signature are
/// checked on every call.
final class NitroVerificationCache: Sendable {
    /// Parsed certificates by DER.
    let certificates: BoundedCache<ExactBytes, X509Certificate>
    /// Document-signing keys by their certificate's DER.
    let keys: BoundedCache<ExactBytes, VerificationKey>
    /// Certificate signatures, shared by every path search.
    let signatures: CertificateSignatureCache

    init(capacity: Int) {
        certificates = BoundedCache(limit: capacity)
        keys = BoundedCache(limit: capacity)
        signatures = CertificateSignatureCache(limit: capacity * 4)
    }

    /// The certificate these DER bytes hold, parsed once.
    func certificate(_ der: [UInt8]) throws -> X509Certificate {
        try certificates.value(for: ExactBytes(der)) { try X509Certificate(derEncoded: der) }
    }

    /// The certificate's public key, read once (nil when it is not a key PKI reads).
    func key(of certificate: X509Certificate) -> VerificationKey? {
        try? keys.value(for: ExactBytes(certificate.derBytes)) { try certificate.publicKey() }
    }
}
