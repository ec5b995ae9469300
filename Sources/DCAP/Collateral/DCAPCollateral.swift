public import AttestationCore
import Foundation

/// Every piece of DCAP collateral at hand, recognised by content: certificates (issuer chains), CRLs, TCB info,
/// QE identities, and dcap-qvl style JSON bundles that hold all of them.
///
/// Which document applies to a quote (FMSPC, TEE, the verification instant) is decided by the verifier.
public struct DCAPCollateral: Sendable {
    /// Certificates from issuer chains and certificate files.
    public private(set) var certificates: [DCAPCertificate] = []
    /// CRLs.
    public private(set) var crls: [CollateralCRL] = []
    /// TCB info documents.
    public private(set) var tcbInfos: [TCBInfo] = []
    /// Enclave (QE) identity documents.
    public private(set) var enclaveIdentities: [EnclaveIdentity] = []
    /// Items that are none of these, by source (they are ignored).
    public private(set) var ignored: [String] = []

    /// Recognises and parses every item; a recognised but malformed item throws.
    public init(items: [CollateralItem]) throws {
        for item in items { try add(item) }
    }

    /// Adds one item.
    public mutating func add(_ item: CollateralItem) throws {
        let text = item.bytes.drop { SignedCollateralDocument.isWhitespace($0) }
        if text.first == UInt8(ascii: "{") {
            try addJSON(item)
        } else if PEM.isPEM(item.bytes) {
            try addPEM(item.bytes, source: item.source)
        } else if item.bytes.first == 0x30 {
            try addDER(item.bytes, source: item.source)
        } else if let der = Self.hexDER(item.bytes) {
            try addDER(der, source: item.source)
        } else {
            ignored.append(item.source)
        }
    }

    mutating func addJSON(_ item: CollateralItem) throws {
        let members: [String: JSONValue]
        let ranges: [String: Range<Int>]
        do { (members, ranges) = try JSONValue.object(parsingWithValueRanges: item.bytes) } catch {
            throw DCAPError.malformedCollateral(source: item.source, reason: "\(error)")
        }
        func document(_ member: String) throws -> SignedCollateralDocument {
            try SignedCollateralDocument(envelope: members, ranges: ranges, bytes: item.bytes, member: member, source: item.source)
        }
        if members["tcbInfo"] != nil {
            tcbInfos.append(try TCBInfo(document: try document("tcbInfo")))
        } else if let member = ["enclaveIdentity", "qeIdentity"].first(where: { members[$0] != nil }) {
            enclaveIdentities.append(try EnclaveIdentity(document: try document(member)))
        } else if CollateralBundle.isBundle(.object(members)) {
            try CollateralBundle.read(.object(members), source: item.source, into: &self)
        } else {
            ignored.append(item.source)
        }
    }

    mutating func addPEM(_ bytes: [UInt8], source: String) throws {
        let blocks: [PEM.Block]
        do { blocks = try PEM.blocks(in: bytes) } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "\(error)")
        }
        for (index, block) in blocks.enumerated() {
            let name = blocks.count == 1 ? source : "\(source)#\(index)"
            switch block.label {
            case "CERTIFICATE": certificates.append(try DCAPCertificate(der: block.derBytes, source: name))
            case "X509 CRL": crls.append(try CollateralCRL(der: block.derBytes, source: name))
            default: ignored.append(name)
            }
        }
    }

    mutating func addDER(_ der: [UInt8], source: String) throws {
        if let crl = try? CollateralCRL(der: der, source: source) {
            crls.append(crl)
        } else if let certificate = try? DCAPCertificate(der: der, source: source) {
            certificates.append(certificate)
        } else {
            ignored.append(source)
        }
    }

    mutating func add(tcbInfo: TCBInfo) { tcbInfos.append(tcbInfo) }
    mutating func add(enclaveIdentity: EnclaveIdentity) { enclaveIdentities.append(enclaveIdentity) }
    mutating func add(crl: CollateralCRL) { crls.append(crl) }
    mutating func add(certificate: DCAPCertificate) { certificates.append(certificate) }

    /// DER bytes written as hex text (PCCS serves the root CA CRL that way), or nil.
    static func hexDER(_ bytes: [UInt8]) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= 4, let der = try? Hex.decode(text), der.first == 0x30 else { return nil }
        return der
    }
}
