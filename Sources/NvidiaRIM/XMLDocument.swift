import CXMLSec

/// A libxml2 document parsed from untrusted bytes: at most ``maxBytes``, no network access, no DTD (parsing
/// stops at `<!DOCTYPE`, so no entity is ever declared, let alone expanded), no entity substitution, no error output.
/// Used only inside ``XMLSecurityLibrary/withDocument(_:_:)``.
final class XMLDocument {
    /// Largest document accepted. NVIDIA's RIMs are about 20 KB; the bound also caps libxml2's duplicate-attribute
    /// check, which is quadratic in the attributes of one element (about 0.25 s for 128 KiB of attributes here).
    static let maxBytes = 128 * 1024

    let pointer: xmlDocPtr

    init(parsing bytes: [UInt8]) throws(NvidiaRIMError) {
        guard bytes.count <= Self.maxBytes else { throw NvidiaRIMError.tooLarge(bytes: bytes.count, limit: Self.maxBytes) }
        guard !bytes.isEmpty else { throw NvidiaRIMError.malformedXML("the document is empty") }
        guard let context = cxmlsec_new_parser_without_dtd() else { throw NvidiaRIMError.malformedXML("out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                xmlCtxtReadMemory(context, text.baseAddress, Int32(text.count), nil, nil, Int32(options))
            }
        }
        if context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
            xmlFreeDoc(parsed)
            throw NvidiaRIMError.documentTypeDeclaration
        }
        guard let parsed else {
            let error = xmlCtxtGetLastError(context)
            let message = error?.pointee.message.map { String(cString: $0) } ?? "unknown error"
            let line = error?.pointee.line ?? 0
            throw NvidiaRIMError.malformedXML("line \(line): \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
        guard parsed.pointee.intSubset == nil, parsed.pointee.extSubset == nil else {
            xmlFreeDoc(parsed)
            throw NvidiaRIMError.documentTypeDeclaration
        }
        pointer = parsed
    }

    deinit { xmlFreeDoc(pointer) }

    /// The document element.
    func root() throws(NvidiaRIMError) -> XMLElement {
        guard let node = xmlDocGetRootElement(pointer) else {
            throw NvidiaRIMError.malformedXML("the document has no root element")
        }
        return XMLElement(document: self, node: node)
    }
}
