import SwiftASN1

/// The outer shape X.509 certificates and CRLs share: `SEQUENCE { tbs, signatureAlgorithm, signatureValue }`,
/// read with a size bound and no trailing bytes. The `tbs` node keeps its exact encoded bytes.
struct SignedEnvelope {
    /// The to-be-signed structure.
    let tbs: ASN1Node
    /// The outer signature algorithm.
    let algorithm: SignatureAlgorithm
    /// The signature octets (the BIT STRING must have no padding bits).
    let signature: [UInt8]

    /// Parses the envelope of a `what` (named in errors) of at most `maxBytes`.
    init(derEncoded bytes: [UInt8], what: String, maxBytes: Int) throws {
        guard bytes.count <= maxBytes else {
            throw PKIError.malformed(what: what, reason: "\(bytes.count) bytes, above the limit of \(maxBytes)")
        }
        let root = try DER.parse(bytes)
        guard root.encodedBytes.count == bytes.count else {
            throw PKIError.malformed(what: what, reason: "trailing bytes after the \(what)")
        }
        (tbs, algorithm, signature) = try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbs = nodes.next(), let algorithm = nodes.next(), let signature = nodes.next() else {
                throw PKIError.malformed(what: what, reason: "needs three elements (tbs, algorithm, signature)")
            }
            let bits = try ASN1BitString(derEncoded: signature)
            guard bits.paddingBits == 0 else {
                throw PKIError.malformed(what: what, reason: "signature BIT STRING has padding bits")
            }
            return (tbs, try SignatureAlgorithm(algorithmIdentifier: algorithm), Array(bits.bytes))
        }
    }
}

extension PKIError {
    /// Runs `body`; any error that is not already a ``PKIError`` becomes `malformed(what:reason:)`.
    static func wrapping<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError.malformed(what: what, reason: "\(error)")
        }
    }
}
