/// Where the parts of a RIM's enveloped `ds:Signature` are in the document, in the order XML-DSig prescribes:
/// `Signature(SignedInfo(CanonicalizationMethod, SignatureMethod, Reference+), SignatureValue,
/// KeyInfo(X509Data(X509Certificate+)))`. ``RIMSignature`` reads them; xmlsec processes them.
struct XMLSignatureElements {
    /// Most child elements of any element of the signature.
    static let maxChildren = 2 + RIMSignature.maxReferences

    let signedInfo: XMLElement
    let canonicalizationMethod: XMLElement
    let signatureMethod: XMLElement
    let references: [XMLElement]
    let signatureValue: XMLElement
    let certificates: [XMLElement]

    init(signature: XMLElement) throws(NvidiaRIMError) {
        let parts = try Self.sequence(signature, ["SignedInfo", "SignatureValue", "KeyInfo"], field: "Signature")
        signedInfo = parts[0]
        signatureValue = parts[1]
        let info = try signedInfo.children(limit: Self.maxChildren, field: "Signature/SignedInfo")
        guard info.count >= 3, info[0].is("CanonicalizationMethod", in: RIMSignature.namespace),
            info[1].is("SignatureMethod", in: RIMSignature.namespace),
            info.dropFirst(2).allSatisfy({ $0.is("Reference", in: RIMSignature.namespace) })
        else {
            throw NvidiaRIMError.invalidField(
                field: "Signature/SignedInfo",
                reason: "expected CanonicalizationMethod, SignatureMethod and one or more Reference, found "
                    + info.map { String($0.name.prefix(64)) }.joined(separator: ", "))
        }
        canonicalizationMethod = info[0]
        signatureMethod = info[1]
        references = Array(info.dropFirst(2))
        let x509Data = try Self.sequence(parts[2], ["X509Data"], field: "Signature/KeyInfo")[0]
        certificates = try x509Data.children(limit: RIMSignature.maxCertificates, field: "Signature/KeyInfo/X509Data")
        guard !certificates.isEmpty, certificates.allSatisfy({ $0.is("X509Certificate", in: RIMSignature.namespace) })
        else {
            throw NvidiaRIMError.invalidField(
                field: "Signature/KeyInfo/X509Data", reason: "expected one or more X509Certificate (the signer first)")
        }
    }

    /// The child elements of `element`, which must be exactly `names` in the XML-DSig namespace, in this order
    /// (KeyInfo, optional in XML-DSig, is required: it carries the signer's chain).
    static func sequence(_ element: XMLElement, _ names: [String], field: String) throws(NvidiaRIMError) -> [XMLElement] {
        let children = try element.children(limit: maxChildren, field: field)
        guard children.count == names.count, zip(children, names).allSatisfy({ $0.is($1, in: RIMSignature.namespace) })
        else {
            throw NvidiaRIMError.invalidField(
                field: field,
                reason: "expected \(names.joined(separator: ", ")), found \(children.map { String($0.name.prefix(64)) }.joined(separator: ", "))")
        }
        return children
    }
}
