import CXMLSec

/// The XML-DSig processing xmlsec does on a RIM's signature: the Reference's transforms and digest, and the
/// canonical form of SignedInfo. Only the algorithms of ``XMLDSigAlgorithm`` are enabled, and a Reference may only
/// point at the document itself (URI ""). Called inside ``XMLSecurityLibrary/withDocument(_:_:)``.
extension XMLSignatureElements {
    /// Whether the digest of what `reference` selects, after its transforms (the enveloped-signature transform and
    /// C14N 1.1 over the whole document), equals its DigestValue; nil when xmlsec could not compute it.
    func digestMatches(_ reference: XMLElement) -> Bool? {
        guard let signatureContext = xmlSecDSigCtxCreate(nil) else { return nil }
        defer { xmlSecDSigCtxDestroy(signatureContext) }
        signatureContext.pointee.operation = xmlSecTransformOperationVerify
        signatureContext.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeEmpty)
        for transform in [xmlSecTransformEnvelopedGetKlass(), xmlSecTransformInclC14N11GetKlass(), cxmlsec_sha384()] {
            guard xmlSecDSigCtxEnableReferenceTransform(signatureContext, transform) == 0 else { return nil }
        }
        guard let context = xmlSecDSigReferenceCtxCreate(signatureContext, xmlSecDSigReferenceOriginSignedInfo) else {
            return nil
        }
        defer { xmlSecDSigReferenceCtxDestroy(context) }
        guard xmlSecDSigReferenceCtxProcessNode(context, reference.node) == 0 else { return nil }
        return context.pointee.status == xmlSecDSigStatusSucceeded
    }

    /// SignedInfo canonicalised by its CanonicalizationMethod (C14N 1.1, with the namespaces in scope from its
    /// ancestors): the bytes SignatureValue signs. Nil when xmlsec could not produce them.
    func canonicalSignedInfo() -> [UInt8]? {
        guard let context = xmlSecTransformCtxCreate() else { return nil }
        defer { xmlSecTransformCtxDestroy(context) }
        guard cxmlsec_enable_transform(context, xmlSecTransformInclC14N11GetKlass()) == 0,
            xmlSecTransformCtxNodeRead(
                context, canonicalizationMethod.node, xmlSecTransformUsage(xmlSecTransformUsageC14NMethod)) != nil,
            let nodes = xmlSecNodeSetGetChildren(signedInfo.document.pointer, signedInfo.node, 1, 0)
        else { return nil }
        defer { xmlSecNodeSetDestroy(nodes) }
        guard xmlSecTransformCtxXmlExecute(context, nodes) == 0, let result = context.pointee.result,
            let data = xmlSecBufferGetData(result)
        else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(xmlSecBufferGetSize(result))))
    }
}
