public import AttestationCore

/// Why an attested-TLS certificate or connection could not be evaluated (thrown; a certificate whose evidence does
/// not verify is a refusal with reasons, see ``PeerAttestation``).
public enum AttestedTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The certificate is not DER X.509, or is larger than ``CertificateEvidence/maxCertificateBytes``.
    case malformedCertificate(String)
    /// An evidence extension is present but its value cannot be read.
    case malformedExtension(carrier: String, reason: String)
    /// The certificate carries no evidence in any format Assay reads.
    case noEvidence
    /// The certificate carries evidence for a TEE this side does not accept.
    case teeNotEnabled(TEEKind, enabled: [TEEKind])
    /// A certificate could not be issued (key, evidence or encoding).
    case issuance(String)
    /// A host:port argument cannot be used.
    case invalidEndpoint(String)
    /// The handshake or the connection failed before the peer was judged.
    case connection(String)

    public var description: String {
        switch self {
        case .malformedCertificate(let reason): return "not a usable X.509 certificate: \(reason)"
        case .malformedExtension(let carrier, let reason): return "unreadable \(carrier) extension: \(reason)"
        case .noEvidence:
            return "the certificate carries no attestation evidence (none of: id-pe-cmw 1.3.6.1.5.5.7.1.35, TCG tagged "
                + "evidence 2.23.133.5.4.9, Gramine's legacy quote extension, Intel SGX SDK's 1.2.840.113741.1.13.1, a "
                + "Nitro attestation document in a subjectAltName); it is an ordinary TLS certificate"
        case .teeNotEnabled(let tee, let enabled):
            return "the certificate carries \(tee) evidence, which this side does not accept (enabled: "
                + "\(enabled.map(\.rawValue).joined(separator: ", "))); add --enable-tee \(tee) to accept it"
        case .issuance(let reason): return "cannot issue an attested certificate: \(reason)"
        case .invalidEndpoint(let reason): return "invalid endpoint: \(reason)"
        case .connection(let reason): return "connection failed: \(reason)"
        }
    }
}
