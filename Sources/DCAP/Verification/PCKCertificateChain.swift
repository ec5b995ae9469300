import AttestationCore

/// The PCK certificate chain a quote carries (certification data type 5): PCK leaf, PCK Platform or Processor
/// CA, and usually the root, with the leaf's SGX extension.
public struct PCKCertificateChain: Sendable, Hashable {
    /// Bound on the certificates in one chain.
    static let maxCertificates = 8

    /// The certificates in the order given, leaf first.
    public let certificates: [DCAPCertificate]
    /// The PCK leaf certificate.
    public let leaf: DCAPCertificate
    /// The leaf's SGX extension.
    public let extensions: SGXExtensions

    /// Reads the PEM text (Intel's QE appends a NUL terminator, which is ignored).
    public init(pem: [UInt8]) throws {
        var text = pem
        while text.last == 0 { text.removeLast() }
        let blocks: [[UInt8]]
        do { blocks = try PEM.certificates(in: text) } catch { throw DCAPError.malformedPCKChain("\(error)") }
        guard blocks.count <= Self.maxCertificates else {
            throw DCAPError.malformedPCKChain("\(blocks.count) certificates, above the limit of \(Self.maxCertificates)")
        }
        certificates = try blocks.enumerated().map { index, der in
            do { return try DCAPCertificate(der: der, source: "PCK chain certificate \(index)") } catch {
                throw DCAPError.malformedPCKChain("certificate \(index) is not valid X.509")
            }
        }
        guard let leaf = certificates.first else { throw DCAPError.malformedPCKChain("no PEM CERTIFICATE block") }
        self.leaf = leaf
        extensions = try SGXExtensions(certificate: leaf.certificate)
    }
}
