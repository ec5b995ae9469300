import PKI
import SwiftASN1

/// The firmware digests (FWIDs) a device certificate carries in its TCG DICE TcbInfo extension (2.23.133.5.4.1).
///
/// TCG's TcbInfo keeps them in `fwids [6] IMPLICIT SEQUENCE OF FWID`; NVIDIA's GSP/FSP leaves put a `FWID`
/// (`SEQUENCE { hashAlg OID, digest OCTET STRING }`) directly in the extension's sequence. Both are read by looking
/// for FWID-shaped sequences whose algorithm is SHA-256, SHA-384 or SHA-512, at a bounded depth.
enum DeviceFWID {
    /// OID of the TCG DICE TcbInfo extension.
    static let tcbInfoOID = "2.23.133.5.4.1"
    /// Deepest nesting searched.
    static let maxDepth = 6
    /// The hash algorithms an FWID may name, with their digest sizes.
    static let digestSizes: [ASN1ObjectIdentifier: Int] = [
        [2, 16, 840, 1, 101, 3, 4, 2, 1]: 32, [2, 16, 840, 1, 101, 3, 4, 2, 2]: 48, [2, 16, 840, 1, 101, 3, 4, 2, 3]: 64,
    ]

    /// The FWIDs of `certificate`, empty when it has no TcbInfo extension or it is not DER.
    static func fwids(of certificate: X509Certificate) -> [[UInt8]] {
        guard let value = certificate.extension(tcbInfoOID)?.value, let root = try? DER.parse(value) else { return [] }
        var found: [[UInt8]] = []
        collect(root, depth: 0, into: &found)
        return found
    }

    static func collect(_ node: ASN1Node, depth: Int, into found: inout [[UInt8]]) {
        guard depth < maxDepth, case .constructed(let children) = node.content else { return }
        let elements = Array(children)
        if elements.count == 2, let algorithm = try? ASN1ObjectIdentifier(derEncoded: elements[0]),
            let size = digestSizes[algorithm], let digest = try? ASN1OctetString(derEncoded: elements[1]),
            digest.bytes.count == size
        {
            found.append(Array(digest.bytes))
            return
        }
        for element in elements { collect(element, depth: depth + 1, into: &found) }
    }
}
