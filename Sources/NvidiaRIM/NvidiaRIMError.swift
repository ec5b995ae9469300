/// Why an NVIDIA RIM could not be evaluated or used (thrown; a RIM whose signature or chain fails is a verdict).
public enum NvidiaRIMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is larger than ``ReferenceIntegrityManifest/maxDocumentBytes``.
    case tooLarge(bytes: Int, limit: Int)
    /// The bytes are not well-formed XML (libxml2's reason and line).
    case malformedXML(String)
    /// The document declares a DTD (`<!DOCTYPE`): refused before any entity is read, as NVIDIA RIMs have none.
    case documentTypeDeclaration
    /// An element or attribute the RIM format requires is missing, repeated, or outside its bound.
    case invalidField(field: String, reason: String)
    /// A certificate of the signature's X509Data is not DER X.509.
    case invalidCertificate(position: Int, reason: String)
    /// A configured trust anchor is not a usable certificate.
    case invalidTrustAnchor(String)
    /// xmlsec (libxmlsec1 with OpenSSL) could not be initialised.
    case xmlSecurityUnavailable(String)
    /// The RIM was evaluated and rejected: its reference values cannot be used.
    case rejected(rim: String, failures: [String])
    /// Two RIMs both give an active measurement for the same index (NVIDIA's verifier refuses driver and VBIOS RIMs
    /// that overlap).
    case conflictingMeasurement(index: Int, first: String, second: String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            return "NVIDIA RIM of \(bytes) bytes is larger than the limit of \(limit); RIMs are about 20 KB, check the file"
        case .malformedXML(let reason):
            return "NVIDIA RIM is not well-formed XML: \(reason)"
        case .documentTypeDeclaration:
            return "NVIDIA RIM declares a DTD (<!DOCTYPE>), which RIMs never do; refused without reading it (entities)"
        case .invalidField(let field, let reason):
            return "NVIDIA RIM \(field): \(reason)"
        case .invalidCertificate(let position, let reason):
            return "NVIDIA RIM signature certificate \(position) (X509Data, 0 = signer) is not DER X.509: \(reason)"
        case .invalidTrustAnchor(let reason):
            return "invalid NVIDIA RIM trust anchor: \(reason)"
        case .xmlSecurityUnavailable(let reason):
            return "xmlsec is not usable (\(reason)); install Debian's libxmlsec1-openssl matching the headers built against"
        case .rejected(let rim, let failures):
            return "NVIDIA RIM \(rim) was rejected, its reference values are not used: \(failures.joined(separator: "; "))"
        case .conflictingMeasurement(let index, let first, let second):
            return "NVIDIA RIMs \(first) and \(second) both have an active measurement at index \(index); import the "
                + "driver and VBIOS RIMs of one GPU, not two of the same kind"
        }
    }
}
