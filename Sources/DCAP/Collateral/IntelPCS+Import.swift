public import AttestationCore
import Foundation
import PKI

/// Vendor files as the PCS responses they answer, to import into the collateral cache (`assay collateral import`).
extension IntelPCS {
    /// The TCB infos, QE identities and CRLs of `collateral` as responses to their PCS URLs, the issuer chain found
    /// among the same files in the header PCS sends it in; and what could not be imported, and why.
    public func imports(from collateral: DCAPCollateral) -> (documents: [ImportedCollateral], skipped: [String]) {
        var documents: [ImportedCollateral] = []
        var skipped: [String] = []
        let signingChain = Self.signingChainPEM(collateral.certificates)
        func header(_ name: String) -> [String: String] {
            guard let signingChain, let encoded = signingChain.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            else { return [:] }
            return [name: encoded]
        }
        if signingChain == nil, !(collateral.tcbInfos.isEmpty && collateral.enclaveIdentities.isEmpty) {
            skipped.append(
                "no Intel SGX TCB Signing certificate and root among the files: TCB infos and QE identities are imported "
                    + "without their issuer chain (add the chain file, e.g. the TCB-Info-Issuer-Chain header saved as PEM)")
        }
        for info in collateral.tcbInfos {
            let document = Document.tcbInfo(fmspc: info.fmspc, tee: info.id == TCBInfo.tdxID ? .tdx : .sgx)
            documents.append(
                ImportedCollateral(
                    url: request(for: document).url,
                    response: CollateralResponse(
                        body: Self.envelope("tcbInfo", info.document), headers: header("tcb-info-issuer-chain")),
                    issued: info.issueDate,
                    description: "\(document), issued \(RFC3339.format(info.issueDate)), next update \(RFC3339.format(info.nextUpdate))"))
        }
        for identity in collateral.enclaveIdentities {
            let tee: TEEKind
            switch identity.id {
            case EnclaveIdentity.tdxQEID: tee = .tdx
            case EnclaveIdentity.sgxQEID: tee = .sgx
            default:
                skipped.append("\(identity.document.source): the \(identity.id) identity is not served by the QE identity URL")
                continue
            }
            let document = Document.qeIdentity(tee: tee)
            documents.append(
                ImportedCollateral(
                    url: request(for: document).url,
                    response: CollateralResponse(
                        body: Self.envelope("enclaveIdentity", identity.document),
                        headers: header("sgx-enclave-identity-issuer-chain")),
                    issued: identity.issueDate,
                    description: "\(document), issued \(RFC3339.format(identity.issueDate)), next update \(RFC3339.format(identity.nextUpdate))"))
        }
        for crl in collateral.crls {
            let issuer = DCAPCertificate.commonName(crl.issuer) ?? ""
            let document: Document
            switch issuer {
            case "Intel SGX Root CA": document = .rootCACRL
            case "Intel SGX PCK Platform CA": document = .pckCRL(ca: "platform")
            case "Intel SGX PCK Processor CA": document = .pckCRL(ca: "processor")
            default:
                skipped.append("\(crl.source): a CRL of '\(issuer)' is not one PCS serves")
                continue
            }
            documents.append(
                ImportedCollateral(
                    url: request(for: document).url, response: CollateralResponse(body: crl.crl.derBytes),
                    issued: crl.crl.thisUpdate, description: "\(document), this update \(RFC3339.format(crl.crl.thisUpdate))"))
        }
        return (documents, skipped)
    }

    /// `{"<member>":<signed bytes>,"signature":"<hex>"}`: the envelope PCS serves, around the exact signed bytes.
    static func envelope(_ member: String, _ document: SignedCollateralDocument) -> [UInt8] {
        Array("{\"\(member)\":".utf8) + document.signedBytes + Array(",\"signature\":\"\(Hex.encode(document.signature))\"}".utf8)
    }

    /// The TCB signing certificates and the root among `certificates`, as PEM (the issuer-chain header's content).
    static func signingChainPEM(_ certificates: [DCAPCertificate]) -> String? {
        let signers = certificates.filter { $0.commonName == "Intel SGX TCB Signing" }
        guard let root = certificates.first(where: { $0.commonName == "Intel SGX Root CA" }), !signers.isEmpty else {
            return nil
        }
        var seen = Set<[UInt8]>()
        return (signers + [root]).filter { seen.insert($0.der).inserted }.map { PEM.encode($0.der, label: "CERTIFICATE") }
            .joined()
    }
}
