import AttestationCore

/// Whether a certificate is signed by an issuer key, remembered across path searches by the exact bytes of the
/// certificate and of the issuer's SubjectPublicKeyInfo (signature results never depend on time), so a verifier
/// that sees the same chain again verifies no certificate signature twice.
public final class CertificateSignatureCache: Sendable {
    struct Key: Hashable, Sendable {
        let certificate: ExactBytes
        let issuerKey: ExactBytes
    }

    let results: BoundedCache<Key, Bool>

    /// A cache of at most `limit` results.
    public init(limit: Int = 4096) {
        results = BoundedCache(limit: limit)
    }

    /// Whether `issuer`'s key signed `certificate`, verified once per distinct pair.
    public func isSigned(_ certificate: X509Certificate, by issuer: X509Certificate) -> Bool {
        result(certificate, issuerKey: issuer.subjectPublicKeyInfo) {
            guard let key = try? issuer.publicKey() else { return false }
            return certificate.isSignatureValid(key: key)
        }
    }

    /// The cached result for the pair, or `compute`'s (which may throw to leave it uncached).
    func result(
        _ certificate: X509Certificate, issuerKey: [UInt8], compute: () throws -> Bool
    ) rethrows -> Bool {
        try results.value(for: Key(certificate: ExactBytes(certificate.derBytes), issuerKey: ExactBytes(issuerKey)), compute)
    }
}
