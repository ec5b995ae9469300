import SwiftASN1

/// Builds RFC 6960 OCSP requests: one certificate, CertID hashed with SHA-384 (NVIDIA's responder, like most,
/// answers with the algorithm it was asked), unsigned and without a nonce, so a response can be cached and used
/// offline within its `nextUpdate`.
public enum OCSPRequest {
    /// The DER `OCSPRequest` for `certificate` issued by `issuer`.
    public static func der(for certificate: X509Certificate, issuer: X509Certificate) throws -> [UInt8] {
        let certID = try OCSPCertID(certificate: certificate, issuer: issuer, hash: .sha384)
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in try certID.serialize(into: &coder) }
                }
            }
        }
        return coder.serializedBytes
    }
}
