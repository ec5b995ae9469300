import AttestationCore
import PKI

/// What ``NvidiaGPUVerifier`` remembers between calls, keyed by exact bytes: parsed certificates, leaf keys and
/// FWIDs, and certificate signature results, so a report from a known device costs one P-384 verification.
///
/// Nothing that depends on time or on the report is kept: validity, the report's signature and the FWID comparison
/// run on every call.
final class NvidiaVerificationCache: Sendable {
    /// Parsed certificates by DER.
    let certificates: BoundedCache<ExactBytes, X509Certificate>
    /// Report-signing keys by their certificate's DER.
    let keys: BoundedCache<ExactBytes, VerificationKey>
    /// FWIDs by their certificate's DER.
    let fwids: BoundedCache<ExactBytes, [[UInt8]]>
    /// Certificate signatures, shared by every path search.
    let signatures: CertificateSignatureCache

    init(capacity: Int) {
        certificates = BoundedCache(limit: capacity)
        keys = BoundedCache(limit: capacity)
        fwids = BoundedCache(limit: capacity)
        signatures = CertificateSignatureCache(limit: capacity * 4)
    }

    /// The certificate these DER bytes hold, parsed once.
    func certificate(_ der: [UInt8]) throws -> X509Certificate {
        do { return try certificates.value(for: ExactBytes(der)) { try X509Certificate(derEncoded: der) } } catch {
            throw NvidiaGPUError.invalidCertificate("not DER X.509 (\(error))")
        }
    }

    /// The certificate's public key, read once (nil when it is not a key PKI reads).
    func key(of certificate: X509Certificate) -> VerificationKey? {
        try? keys.value(for: ExactBytes(certificate.derBytes)) { try certificate.publicKey() }
    }

    /// The certificate's FWIDs, read once.
    func fwids(of certificate: X509Certificate) -> [[UInt8]] {
        fwids.value(for: ExactBytes(certificate.derBytes)) { DeviceFWID.fwids(of: certificate) }
    }
}
