import AttestationCore
import PKI

/// What a RIM's enveloped XML signature says, as written: the algorithms, the reference(s) with their digests, the
/// signature value and the certificates of KeyInfo/X509Data. Nothing here is judged (``RIMVerifier`` does).
public struct RIMSignature: Sendable, Hashable {
    /// The XML-DSig namespace.
    public static let namespace = "http://www.w3.org/2000/09/xmldsig#"
    /// Most Reference elements read (NVIDIA signs one).
    public static let maxReferences = 8
    /// Most Transform elements of one Reference.
    public static let maxTransforms = 8
    /// Most certificates in X509Data (NVIDIA's chains have four, root included).
    public static let maxCertificates = 8
    /// Largest DigestValue, in bytes (SHA-512).
    public static let maxDigestBytes = 64
    /// Largest SignatureValue, in bytes (RSA-4096).
    public static let maxSignatureBytes = 512

    /// One `Reference`: what is signed and how it is digested.
    public struct Reference: Sendable, Hashable {
        /// The `URI` attribute ("" = the document containing the signature), nil when absent.
        public let uri: String?
        /// The `Transform` algorithms, in order.
        public let transforms: [String]
        /// The `DigestMethod` algorithm.
        public let digestMethod: String
        /// The decoded `DigestValue`.
        public let digestValue: [UInt8]
    }

    /// The `CanonicalizationMethod` algorithm of SignedInfo.
    public let canonicalizationMethod: String
    /// The `SignatureMethod` algorithm.
    public let signatureMethod: String
    /// The references, in order.
    public let references: [Reference]
    /// The decoded `SignatureValue` (for ECDSA, raw r‖s).
    public let signatureValue: [UInt8]
    /// The DER of each `X509Certificate`, in document order (the signer first).
    public let certificates: [[UInt8]]

    /// Every algorithm URI of SignedInfo, in document order (`dsig_algorithms` in `expected.jsonl`).
    public var algorithms: [String] {
        [canonicalizationMethod, signatureMethod] + references.flatMap { $0.transforms + [$0.digestMethod] }
    }

    /// Reads the signature's elements.
    init(elements: XMLSignatureElements) throws(NvidiaRIMError) {
        canonicalizationMethod = try elements.canonicalizationMethod.requiredAttribute(
            "Algorithm", field: "SignedInfo/CanonicalizationMethod@Algorithm")
        signatureMethod = try elements.signatureMethod.requiredAttribute(
            "Algorithm", field: "SignedInfo/SignatureMethod@Algorithm")
        var references: [Reference] = []
        for (position, element) in elements.references.enumerated() {
            references.append(try Self.reference(element, field: "SignedInfo/Reference[\(position)]"))
        }
        self.references = references
        signatureValue = try Self.base64(
            elements.signatureValue.text, limit: Self.maxSignatureBytes, field: "Signature/SignatureValue")
        var certificates: [[UInt8]] = []
        for (position, element) in elements.certificates.enumerated() {
            certificates.append(
                try Self.base64(element.text, limit: X509Certificate.maxBytes, field: "X509Data/X509Certificate[\(position)]"))
        }
        self.certificates = certificates
    }

    /// A `Reference(Transforms?(Transform*), DigestMethod, DigestValue)`.
    static func reference(_ element: XMLElement, field: String) throws(NvidiaRIMError) -> Reference {
        var parts = try element.children(limit: XMLSignatureElements.maxChildren, field: field)
        var transforms: [String] = []
        if let first = parts.first, first.is("Transforms", in: namespace) {
            let list = try first.children(limit: maxTransforms, field: "\(field)/Transforms")
            for (position, transform) in list.enumerated() {
                guard transform.is("Transform", in: namespace) else {
                    throw NvidiaRIMError.invalidField(field: "\(field)/Transforms", reason: "\(transform.name.prefix(64)) is not a Transform")
                }
                transforms.append(try transform.requiredAttribute("Algorithm", field: "\(field)/Transform[\(position)]@Algorithm"))
            }
            parts.removeFirst()
        }
        guard parts.count == 2, parts[0].is("DigestMethod", in: namespace), parts[1].is("DigestValue", in: namespace) else {
            throw NvidiaRIMError.invalidField(
                field: field, reason: "expected Transforms?, DigestMethod and DigestValue, found "
                    + parts.map { String($0.name.prefix(64)) }.joined(separator: ", "))
        }
        return Reference(
            uri: element.attribute("URI"), transforms: transforms,
            digestMethod: try parts[0].requiredAttribute("Algorithm", field: "\(field)/DigestMethod@Algorithm"),
            digestValue: try base64(parts[1].text, limit: maxDigestBytes, field: "\(field)/DigestValue"))
    }

    /// Base64 text as XML carries it (line breaks and spaces allowed), at most `limit` bytes once decoded.
    static func base64(_ text: String, limit: Int, field: String) throws(NvidiaRIMError) -> [UInt8] {
        let compact = String(text.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) })
        let bytes: [UInt8]
        do { bytes = try Base64.decode(compact) } catch {
            throw NvidiaRIMError.invalidField(field: field, reason: "not base64 (\(error))")
        }
        guard !bytes.isEmpty, bytes.count <= limit else {
            throw NvidiaRIMError.invalidField(field: field, reason: "\(bytes.count) bytes, expected 1 to \(limit)")
        }
        return bytes
    }
}
