/// The XML-DSig algorithms a RIM may use: exactly those NVIDIA signs with. A signature naming any other (SHA-1,
/// RSA, C14N 1.0, exclusive or with-comments canonicalisation, XPath, XSLT) fails ``RIMCheck/algorithmsSupported``
/// and never reaches xmlsec, which is also configured to allow only these.
public enum XMLDSigAlgorithm {
    /// Canonical XML 1.1 without comments (inclusive).
    public static let canonicalization11 = "http://www.w3.org/2006/12/xml-c14n11"
    /// ECDSA with SHA-384, the signature value raw r‖s (RFC 4051).
    public static let ecdsaSHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
    /// The enveloped-signature transform: the document without the Signature element.
    public static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    /// SHA-384 (RFC 4051).
    public static let sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
    /// The transforms a Reference must list, in this order.
    public static let referenceTransforms = [envelopedSignature, canonicalization11]

    /// Whether a Reference is transformed and digested with these algorithms: what xmlsec may process.
    static func isSupported(_ reference: RIMSignature.Reference) -> Bool {
        reference.transforms == referenceTransforms && reference.digestMethod == sha384
    }

    /// What in `signature` is not one of these algorithms in its place, in document order; empty when all are.
    static func unsupported(in signature: RIMSignature) -> [String] {
        var problems: [String] = []
        if signature.canonicalizationMethod != canonicalization11 {
            problems.append("CanonicalizationMethod \(signature.canonicalizationMethod.prefix(128))")
        }
        if signature.signatureMethod != ecdsaSHA384 { problems.append("SignatureMethod \(signature.signatureMethod.prefix(128))") }
        for (position, reference) in signature.references.enumerated() where !isSupported(reference) {
            problems.append(
                "Reference[\(position)] transforms [\(reference.transforms.map { $0.prefix(128) }.joined(separator: ", "))] "
                    + "and DigestMethod \(reference.digestMethod.prefix(128))")
        }
        return problems
    }
}
