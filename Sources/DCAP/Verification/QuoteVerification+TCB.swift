import AttestationCore
import Foundation

/// TCB info and QE identity: their signatures, issuer chains and windows, then the QE match and TCB status.
extension QuoteVerification {
    /// Certificates that may sign collateral documents: the non-CA certificates at hand.
    var signerCandidates: [DCAPCertificate] {
        collateral.certificates.filter { !$0.isCertificateAuthority }
    }

    /// Checks the QE identity and the QE report against it; returns the QE's TCB status when it was evaluated.
    func checkQEIdentity(_ verdict: inout Verdict) -> TCBStatus? {
        guard let identity = qeIdentity, !signerCandidates.isEmpty else { return nil }
        checkSignedDocument(identity.document, subject: .qeIdentity, name: "\(identity.id) identity", &verdict)
        checkWindow(
            DCAPCheck.validity(.qeIdentity), name: "\(identity.id) identity (\(identity.document.source))",
            issued: identity.issueDate, nextUpdate: identity.nextUpdate, &verdict)
        let match = identity.match(quote.qe.qeReport)
        verdict.check(
            DCAPCheck.qeIdentityMatchesQeReport, match.mismatches.isEmpty,
            expected: "the QE report matches the \(identity.id) identity", observed: match.mismatches.joined(separator: "; "))
        verdict.claims["qe_tcb_status"] = .string(match.status.rawValue)
        verdict.claims["qe_advisory_ids"] = .array((match.level?.advisoryIDs ?? []).map(JSONValue.string))
        verdict.claims["qe_identity"] = .object([
            "id": .string(identity.id), "issue_date": .string(RFC3339.format(identity.issueDate)),
            "next_update": .string(RFC3339.format(identity.nextUpdate)),
            "tcb_evaluation_data_number": .integer(identity.tcbEvaluationDataNumber),
            "tcb_date": match.level.map { .string($0.tcbDateText) } ?? .null,
        ])
        return match.status
    }

    /// Checks the TCB info and computes the TCB status (folding in the QE status when known).
    func checkTCBInfo(qeStatus: TCBStatus?, _ verdict: inout Verdict) {
        guard let tcbInfo, !signerCandidates.isEmpty else { return }
        let fmspc = Hex.encode(tcbInfo.fmspc)
        checkSignedDocument(tcbInfo.document, subject: .tcbInfo, name: "TCB info for FMSPC \(fmspc)", &verdict)
        checkWindow(
            DCAPCheck.validity(.tcbInfo), name: "\(tcbInfo.id) TCB info for FMSPC \(fmspc) (\(tcbInfo.document.source))",
            issued: tcbInfo.issueDate, nextUpdate: tcbInfo.nextUpdate, &verdict)
        verdict.check(
            DCAPCheck.tcbInfoPceIdMatchesPck, tcbInfo.pceID == chain.extensions.pceID,
            expected: "PCE ID \(Hex.encode(chain.extensions.pceID)) of the PCK certificate",
            observed: Hex.encode(tcbInfo.pceID))
        let td: TDReportBody?
        if case .td(let report) = quote.body { td = report } else { td = nil }
        let evaluation = TCBEvaluation.evaluate(
            tcbInfo: tcbInfo, pck: chain.extensions, td: td, quoteVersion: quote.header.version, qeStatus: qeStatus)
        verdict.check(
            DCAPCheck.tdxModuleIdentity, evaluation.moduleMismatch == nil,
            expected: "the TDX module (MRSIGNERSEAM, SEAMATTRIBUTES, version) listed in the TCB info",
            observed: evaluation.moduleMismatch ?? "")
        verdict.check(
            DCAPCheck.tcbStatusNotRevoked, evaluation.status != .revoked, expected: "a TCB status other than Revoked",
            observed: "Revoked: Intel revoked this platform's TCB (or its QE or TDX module)")
        verdict.claims.merge(evaluation.claims(tcbInfo: tcbInfo)) { _, new in new }
    }

    /// The signature over the document's exact bytes (or Intel's compact form), its issuer chain and revocation.
    func checkSignedDocument(
        _ document: SignedCollateralDocument, subject: DCAPCheck.Subject, name: String, _ verdict: inout Verdict
    ) {
        let candidates = signerCandidates
        let verifying = candidates.compactMap { certificate -> (certificate: DCAPCertificate, form: Int)? in
            document.candidateSignedForms.firstIndex { cache.isValid(signature: document.signature, over: $0, by: certificate) }
                .map { (certificate, $0) }
        }
        let signer = verifying.first { $0.certificate.isValid(at: asOf) } ?? verifying.first
        verdict.check(
            DCAPCheck.signature(subject), signer != nil,
            expected: "ECDSA P-256 signature over the exact signed bytes of the \(name) (\(document.source)) by a signing certificate at hand",
            observed: "none of the \(candidates.count) signing certificates verifies it: the document was altered or its issuer chain is another's")
        guard let signer else { return }
        if signer.form > 0 {
            verdict.notes.append("\(document.source) was pretty-printed; its signature verifies over Intel's compact serialisation")
        }
        let path = DCAPCertificatePath(
            leaf: signer.certificate, pool: collateral.certificates, anchors: anchors, at: asOf, cache: cache)
        checkPath(path, .issuer(of: subject), role: "\(name) issuer chain", &verdict)
        checkNotRevoked(signer.certificate, check: DCAPCheck.issuerNotRevoked(subject), &verdict)
    }

    /// Whether a document's issue/next-update window holds the instant, naming the document when it does not.
    func checkWindow(_ check: DCAPCheck, name: String, issued: Date, nextUpdate: Date, _ verdict: inout Verdict) {
        let state = asOf < issued ? "is not yet valid" : "expired"
        verdict.check(
            check, issued <= asOf && asOf <= nextUpdate,
            expected: "\(name) in force at \(instant)",
            observed: "it \(state): issued \(RFC3339.format(issued)), next update \(RFC3339.format(nextUpdate))")
    }
}
