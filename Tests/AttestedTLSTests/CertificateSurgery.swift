import SwiftASN1

/// Edits a certificate's DER without parsing it as a certificate (the Gramine vector's NULL ECDSA parameters are not
/// strict DER for swift-certificates): its extensions are filtered and the enclosing lengths re-encoded; the
/// signature is left as it was (attested TLS does not check a self-signature: the handshake proves possession).
enum CertificateSurgery {
    /// `der` with only the extensions whose dotted OID `keep` accepts.
    static func keepingExtensions(of der: [UInt8], where keep: (String) -> Bool) throws -> [UInt8] {
        let certificate = try DER.parse(der)
        guard case .constructed(let outer) = certificate.content else { throw Failure.notASequence("Certificate") }
        var parts: [[UInt8]] = []
        for (index, node) in outer.enumerated() {
            guard index == 0 else {
                parts.append(Array(node.encodedBytes))
                continue
            }
            parts.append(try tbs(node, keep: keep))
        }
        return tlv(0x30, parts.flatMap { $0 })
    }

    static func tbs(_ node: ASN1Node, keep: (String) -> Bool) throws -> [UInt8] {
        guard case .constructed(let fields) = node.content else { throw Failure.notASequence("TBSCertificate") }
        var content: [UInt8] = []
        for field in fields {
            guard field.identifier == ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific),
                case .constructed(let wrapped) = field.content, let list = wrapped.first(where: { _ in true }),
                case .constructed(let extensions) = list.content
            else {
                content += field.encodedBytes
                continue
            }
            var kept: [UInt8] = []
            for item in extensions {
                guard case .constructed(let members) = item.content, let oidNode = members.first(where: { _ in true }) else {
                    throw Failure.notASequence("Extension")
                }
                if keep(try ASN1ObjectIdentifier(derEncoded: oidNode).description) { kept += item.encodedBytes }
            }
            content += tlv(0xA3, tlv(0x30, kept))
        }
        return tlv(0x30, content)
    }

    /// A DER TLV with a definite length.
    static func tlv(_ identifier: UInt8, _ content: [UInt8]) -> [UInt8] {
        guard content.count >= 0x80 else { return [identifier, UInt8(content.count)] + content }
        var length: [UInt8] = []
        var remaining = content.count
        while remaining > 0 {
            length.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [identifier, 0x80 | UInt8(length.count)] + length + content
    }

    enum Failure: Error {
        case notASequence(String)
    }
}
