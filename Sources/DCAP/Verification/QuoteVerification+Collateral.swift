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

    /// TCB info for the platform's FMSPC and this TEE, the one in force at the instant preferred.
    var tcbInfo: TCBInfo? {
        let fmspc = chain.extensions.fmspc
        return Self.choose(collateral.tcbInfos.filter { $0.fmspc == fmspc && $0.id == tcbInfoID }, at: asOf, current: { $0.isCurrent(at: $1) }) {
            ($0.tcbEvaluationDataNumber, $0.issueDate) < ($1.tcbEvaluationDataNumber, $1.issueDate)
        }
    }

    /// The QE identity for this TEE's quoting enclave, the one in force at the instant preferred.
    var qeIdentity: EnclaveIdentity? {
        Self.choose(collateral.enclaveIdentities.filter { $0.id == qeIdentityID }, at: asOf, current: { $0.isCurrent(at: $1) }) {
            ($0.tcbEvaluationDataNumber, $0.issueDate) < ($1.tcbEvaluationDataNumber, $1.issueDate)
        }
    }

    /// The CRL issued by `issuer`, the one current at the instant preferred.
    func crl(issuedBy issuer: DCAPCertificate) -> CollateralCRL? {
        Self.choose(collateral.crls.filter { $0.crl.issuerBytes == issuer.subjectDER }, at: asOf, current: { $0.crl.isCurrent(at: $1) }) {
            $0.crl.thisUpdate < $1.crl.thisUpdate
        }
    }

    /// Among `documents`, the latest of those current at `instant`; when none is, the latest of all, so that the
    /// validity check can say which document expired (or is not yet valid).
    static func choose<Document>(
        _ documents: [Document], at instant: Date, current: (Document, Date) -> Bool,
        by older: (Document, Document) -> Bool
    ) -> Document? {
        let inForce = documents.filter { current($0, instant) }
        if let latest = inForce.max(by: older) { return latest }
        return documents.max(by: older)
    }

    /// `platform` or `processor`: which PCK CA issued the PCK certificate.
    var pckCAKind: String { (pckIssuer?.subject ?? "").contains("Processor") ? "processor" : "platform" }

    /// Documents that are absent, or present but not in force at the instant.
    var staleOrMissing: [IntelPCS.Document] {
        var documents: [IntelPCS.Document] = []
        if !(tcbInfo?.isCurrent(at: asOf) ?? false) {
            documents.append(.tcbInfo(fmspc: chain.extensions.fmspc, tee: quote.tee))
        }
        if !(qeIdentity?.isCurrent(at: asOf) ?? false) { documents.append(.qeIdentity(tee: quote.tee)) }
        if let root, !(crl(issuedBy: root)?.crl.isCurrent(at: asOf) ?? false) { documents.append(.rootCACRL) }
        if let pckIssuer, !(crl(issuedBy: pckIssuer)?.crl.isCurrent(at: asOf) ?? false) {
            documents.append(.pckCRL(ca: pckCAKind))
        }
        return documents
    }

    /// Documents that are absent altogether (for TCB info and QE identity: or the certificate that signs them).
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
            for document in absent {
                verdict.notes.append("\(document)\(Self.signed(document) ? " (or its issuer chain)" : "") not supplied: \(Self.skipped(document)) not checked")
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
