import AttestationCore

/// The JSON collateral bundle of Phala's dcap-qvl (`QuoteCollateralV3`): every document for one quote in one file.
///
/// Members: `tcb_info` and `qe_identity` (the signed JSON as a string), `tcb_info_signature` and
/// `qe_identity_signature` (hex), `tcb_info_issuer_chain`, `qe_identity_issuer_chain` and `pck_crl_issuer_chain`
/// (PEM), `pck_crl` and `root_ca_crl` (DER as hex or as an array of bytes), optionally `pck_certificate_chain`.
enum CollateralBundle {
    static let markers = ["tcb_info", "qe_identity", "pck_crl", "root_ca_crl"]

    static func isBundle(_ json: JSONValue) -> Bool { markers.contains { json[$0] != nil } }

    static func read(_ json: JSONValue, source: String, into collateral: inout DCAPCollateral) throws {
        for chain in ["tcb_info_issuer_chain", "qe_identity_issuer_chain", "pck_crl_issuer_chain", "pck_certificate_chain"] {
            if json[chain] != nil {
                try collateral.addPEM(Array(try json.string(chain, in: source).utf8), source: "\(source)#\(chain)")
            }
        }
        for name in ["root_ca_crl", "pck_crl"] where json[name] != nil {
            collateral.add(crl: try CollateralCRL(der: try bytes(json, name, source: source), source: "\(source)#\(name)"))
        }
        if json["tcb_info"] != nil {
            collateral.add(tcbInfo: try TCBInfo(document: try document(json, "tcb_info", source: source)))
        }
        if json["qe_identity"] != nil {
            collateral.add(enclaveIdentity: try EnclaveIdentity(document: try document(json, "qe_identity", source: source)))
        }
    }

    static func document(_ json: JSONValue, _ name: String, source: String) throws -> SignedCollateralDocument {
        let signature = try bytes(json, "\(name)_signature", source: source)
        return try SignedCollateralDocument(
            source: "\(source)#\(name)", signedBytes: Array(try json.string(name, in: source).utf8),
            signatureHex: Hex.encode(signature))
    }

    /// A byte string written as hex text or as a JSON array of numbers.
    static func bytes(_ json: JSONValue, _ name: String, source: String) throws -> [UInt8] {
        let value = try json.member(name, in: source)
        if let text = value.stringValue, let bytes = try? Hex.decode(text) { return bytes }
        if let elements = value.arrayValue, elements.count <= CollateralItem.maxBytes {
            let bytes = elements.compactMap { $0.integerValue.flatMap(UInt8.init(exactly:)) }
            if bytes.count == elements.count { return bytes }
        }
        throw DCAPError.malformedCollateral(source: source, reason: "member '\(name)' must be hex text or an array of bytes")
    }
}
