import AttestationCore
import DCAP
import PKI
import SEVSNP
import X509

/// `x509`: certificates and CRLs as vendors publish them, PEM text or DER: ``PEM``, PKI's ``X509Certificate``
/// (with its extensions, public key and a signature check against its own key) and ``CertificateRevocationList``,
/// and the vendor extension readers on top (AMD's VCEK/VLEK extensions, Intel's SGX extension).
public enum X509FuzzTarget: FuzzTarget {
    public static let name = "x509"
    /// Most PEM blocks read from one input.
    static let maxBlocks = 8

    public static func run(_ bytes: [UInt8]) {
        guard PEM.isPEM(bytes) else {
            check(bytes)
            return
        }
        guard let blocks = try? PEM.blocks(in: bytes) else { return }
        let certificates = (try? PEM.certificates(in: bytes)) ?? []
        FuzzInput.require(
            certificates.count == blocks.filter { $0.label == "CERTIFICATE" }.count,
            "PEM.certificates and PEM.blocks disagree")
        for block in blocks.prefix(maxBlocks) { check(block.derBytes) }
    }

    static func check(_ der: [UInt8]) {
        if let certificate = try? X509Certificate(derEncoded: der) {
            FuzzInput.require(certificate.derBytes == der, "X509Certificate does not keep the exact bytes")
            _ = try? certificate.basicConstraints()
            _ = try? certificate.keyUsage()
            if let key = try? certificate.publicKey() { _ = certificate.isSignatureValid(key: key) }
            _ = try? AMDCertificate(derEncoded: der, source: "fuzz")
            if let parsed = try? Certificate(derEncoded: der) { _ = try? SGXExtensions(certificate: parsed) }
        }
        if let crl = try? CertificateRevocationList(derEncoded: der) {
            _ = crl.isRevoked(serialNumber: [1])
        }
    }
}
