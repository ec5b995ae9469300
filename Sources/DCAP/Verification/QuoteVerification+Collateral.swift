import AttestationCore
import Foundation

/// Choosing the collateral document that applies to this quote at the instant, and fetching what is missing.
extension QuoteVerification {
    /// The TCB info id this quote needs.
    var tcbInfoID: String { quote.tee == .tdx ? TCBInfo.tdxID : TCBInfo.sgxID }
    /// The QE identity id this quote needs.
    var qeIdentityID: String { quote.tee == .tdx ? EnclaveIdentity.tdxQEID : EnclaveIdentity.sgxQEID }
    /// The PCK intermediate CA (the PCK leaf's issuer in the path), if the path has one.
    var pckIssuer: DCAPCertificate? { pckPath.certificates.count > 1 ? pckPath.certificates[1] : nil }
    /// The root the PCK chain ends at (or the first anchor), whose CRL covers the intermediates.
    var root: DCAPCertificate? { pckPath.anchored ? pckPath.certificates.last : anchors.first }

    /// TCB info for the platform's FMSPC and this TEE: the newest in force at the instant, else the nearest.
    var tcbInfoChoice: CollateralChoice<TCBInfo>? {
        let fmspc = chain.extensions.fmspc
        return CollateralChoice.choose(
            collateral.tcbInfos.filter { $0.fmspc == fmspc && $0.id == tcbInfoID }, at: asOf,
            window: { ($0.issueDate, $0.nextUpdate) },
            newer: { ($0.tcbEvaluationDataNumber, $0.issueDate) > ($1.tcbEvaluationDataNumber, $1.issueDate) })
    }

    /// The QE identity for this TEE's quoting enclave: the newest in force at the instant, else the nearest.
    var qeIdentityChoice: CollateralChoice<EnclaveIdentity>? {
        CollateralChoice.choose(
            collateral.enclaveIdentities.filter { $0.id == qeIdentityID }, at: asOf, window: { ($0.issueDate, $0.nextUpdate) },
            newer: { ($0.tcbEvaluationDataNumber, $0.issueDate) > ($1.tcbEvaluationDataNumber, $1.issueDate) })
    }

    /// The CRL issued by `issuer`: the newest in force at the instant, else the nearest.
    func crlChoice(issuedBy issuer: DCAPCertificate) -> CollateralChoice<CollateralCRL>? {
        CollateralChoice.choose(
            collateral.crls.filter { $0.crl.issuerBytes == issuer.subjectDER }, at: asOf,
            window: { ($0.crl.thisUpdate, $0.crl.nextUpdate) }, newer: { $0.crl.thisUpdate > $1.crl.thisUpdate })
    }

    /// Whether a document that is not in force stands in for its role. With partial collateral it does not: the
    /// role is skipped as if the document were missing. Without, it is used, and its validity check fails naming
    /// its window.
    var usesStaleDocuments: Bool { !context.allowsPartialCollateral }

    /// The TCB info that applies (see ``usesStaleDocuments``).
    var tcbInfo: TCBInfo? { tcbInfoChoice?.document(allowingStale: usesStaleDocuments) }
    /// The QE identity that applies (see ``usesStaleDocuments``).
    var qeIdentity: EnclaveIdentity? { qeIdentityChoice?.document(allowingStale: usesStaleDocuments) }
    /// The CRL of `issuer` that applies (see ``usesStaleDocuments``).
    func crl(issuedBy issuer: DCAPCertificate) -> CollateralCRL? {
        crlChoice(issuedBy: issuer)?.document(allowingStale: usesStaleDocuments)
    }

    /// For each role: which document was chosen, among how many, and whether it is in force (verdict notes).
    var choices: [(document: IntelPCS.Document, summary: String, inForce: Bool, candidates: Int)] {
        var choices: [(IntelPCS.Document, String, Bool, Int)] = []
        if let choice = tcbInfoChoice {
            choices.append((.tcbInfo(fmspc: chain.extensions.fmspc, tee: quote.tee), Self.summary(choice.document), choice.inForce, choice.candidates))
        }
        if let choice = qeIdentityChoice {
            choices.append((.qeIdentity(tee: quote.tee), Self.summary(choice.document), choice.inForce, choice.candidates))
        }
        if let root, let choice = crlChoice(issuedBy: root) {
            choices.append((.rootCACRL, choice.document.summary, choice.inForce, choice.candidates))
        }
        if let pckIssuer, let choice = crlChoice(issuedBy: pckIssuer) {
            choices.append((.pckCRL(ca: pckCAKind), choice.document.summary, choice.inForce, choice.candidates))
        }
        return choices
    }

    static func summary(_ info: TCBInfo) -> String {
        "\(info.id) TCB info (\(info.document.source)), evaluation data number \(info.tcbEvaluationDataNumber), "
            + "issued \(RFC3339.format(info.issueDate)), next update \(RFC3339.format(info.nextUpdate))"
    }

    static func summary(_ identity: EnclaveIdentity) -> String {
        "\(identity.id) identity (\(identity.document.source)), evaluation data number \(identity.tcbEvaluationDataNumber), "
            + "issued \(RFC3339.format(identity.issueDate)), next update \(RFC3339.format(identity.nextUpdate))"
    }

    /// `platform` or `processor`: which PCK CA issued the PCK certificate.
    var pckCAKind: String { (pckIssuer?.subject ?? "").contains("Processor") ? "processor" : "platform" }

    /// Documents that are absent, or present but not in force at the instant.
    var staleOrMissing: [IntelPCS.Document] {
        var documents: [IntelPCS.Document] = []
        if tcbInfoChoice?.inForce != true { documents.append(.tcbInfo(fmspc: chain.extensions.fmspc, tee: quote.tee)) }
        if qeIdentityChoice?.inForce != true { documents.append(.qeIdentity(tee: quote.tee)) }
        if let root, crlChoice(issuedBy: root)?.inForce != true { documents.append(.rootCACRL) }
        if let pckIssuer, crlChoice(issuedBy: pckIssuer)?.inForce != true { documents.append(.pckCRL(ca: pckCAKind)) }
        return documents
    }

    /// Documents that are absent (for TCB info and QE identity: or the certificate that signs them); with partial
    /// collateral, also those present but not in force at the instant (``usesStaleDocuments``).
    var missing: [IntelPCS.Document] {
        var documents: [IntelPCS.Document] = []
        let signers = !signerCandidates.isEmpty
        if tcbInfo == nil || !signers { documents.append(.tcbInfo(fmspc: chain.extensions.fmspc, tee: quote.tee)) }
        if qeIdentity == nil || !signers { documents.append(.qeIdentity(tee: quote.tee)) }
        if let root, crl(issuedBy: root) == nil { documents.append(.rootCACRL) }
        if let pckIssuer, crl(issuedBy: pckIssuer) == nil { documents.append(.pckCRL(ca: pckCAKind)) }
        return documents
    }

    /// Fetches every document that is missing or not in force through `provider`; failures are remembered.
    mutating func fetchMissing(from provider: any CollateralProvider) async {
        for document in staleOrMissing {
            do {
                for item in try await pcs.fetch(document, from: provider) {
                    try collateral.add(item)
                    fetched.append(item)
                }
            } catch {
                fetchFailures[document] = "\(error)"
            }
        }
    }

    /// Throws when a document is absent, unless the context allows partial collateral; then notes what was skipped.
    func requireCollateral(_ verdict: inout Verdict) throws {
        let absent = missing
        guard !absent.isEmpty else { return }
        if context.allowsPartialCollateral {
            // Notes name no instant and no nearest document: this half of the verdict is reused for every instant at
            // which the same documents are in force (PlatformKey).
            let stale = Dictionary(choices.filter { !$0.inForce }.map { ($0.document, $0.candidates) }) { first, _ in first }
            for document in absent {
                if let count = stale[document] {
                    verdict.notes.append(
                        "\(document): none of the \(count) supplied is in force at the verification instant: \(Self.skipped(document)) not checked")
                } else {
                    verdict.notes.append("\(document)\(Self.signed(document) ? " (or its issuer chain)" : "") not supplied: \(Self.skipped(document)) not checked")
                }
            }
            return
        }
        let reasons = absent.map { document in
            "\(document) (\(pcs.request(for: document).url)\(fetchFailures[document].map { ": \($0)" } ?? ""))"
        }
        throw DCAPError.missingCollateral(
            document: reasons.joined(separator: ", "),
            fix: "pass it with --collateral (a file, a directory or a dcap-qvl bundle), fetch it with --fetch-collateral, "
                + "or accept an incomplete verification with --partial-collateral")
    }

    static func signed(_ document: IntelPCS.Document) -> Bool {
        switch document {
        case .tcbInfo, .qeIdentity: return true
        case .rootCACRL, .pckCRL: return false
        }
    }

    static func skipped(_ document: IntelPCS.Document) -> String {
        switch document {
        case .tcbInfo: return "TCB status (tcb_status claim absent)"
        case .qeIdentity: return "the quoting enclave's identity and TCB status"
        case .rootCACRL: return "revocation of the PCK CA and of the collateral signers"
        case .pckCRL: return "revocation of the PCK certificate"
        }
    }
}
