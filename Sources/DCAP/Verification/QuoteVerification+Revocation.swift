import AttestationCore
import Foundation

/// Revocation: the root CA CRL for the intermediates and collateral signers, the PCK CA's CRL for the PCK.
extension QuoteVerification {
    func checkRevocation(_ verdict: inout Verdict) {
        if let root, let crl = crl(issuedBy: root) {
            checkCRL(crl, issuer: root, subject: .rootCRL, &verdict)
            let intermediates = pckPath.certificates.dropFirst().filter { $0 != root }
            let revoked = intermediates.filter { crl.crl.isRevoked(serialNumber: $0.serialNumber) }
            verdict.check(
                DCAPCheck.pckIntermediateNotRevoked, revoked.isEmpty, expected: "no PCK CA revoked by the \(crl.summary)",
                observed: "revoked: \(revoked.map(\.subject).joined(separator: "; "))")
        }
        if let issuer = pckIssuer, let crl = crl(issuedBy: issuer) {
            checkCRL(crl, issuer: issuer, subject: .pckCRL, &verdict)
            let serial = chain.leaf.serialNumber
            verdict.check(
                DCAPCheck.pckNotRevoked, !crl.crl.isRevoked(serialNumber: serial),
                expected: "the PCK certificate not revoked by the \(crl.summary)",
                observed: "serial \(Hex.encode(serial)) is revoked")
        }
    }

    /// The signature and currency of a CRL, and the CRL as a claim (`root_ca_crl`, `pck_crl`).
    func checkCRL(_ crl: CollateralCRL, issuer: DCAPCertificate, subject: DCAPCheck.Subject, _ verdict: inout Verdict) {
        verdict.claims[subject == .rootCRL ? "root_ca_crl" : subject.rawValue] = .object([
            "entries": .integer(Int64(crl.crl.revokedSerialNumbers.count)),
            "this_update": .string(RFC3339.format(crl.crl.thisUpdate)),
            "next_update": crl.crl.nextUpdate.map { .string(RFC3339.format($0)) } ?? .null,
        ])
        verdict.check(
            DCAPCheck.signature(subject), cache.isValid(crl, issuedBy: issuer),
            expected: "the \(crl.summary) signed by \(issuer.subject)", observed: "the signature does not verify")
        verdict.check(
            DCAPCheck.validity(subject), crl.crl.isCurrent(at: asOf), expected: "a CRL current at \(instant)",
            observed: "the \(crl.summary) is \(crl.crl.thisUpdate > asOf ? "not yet issued" : "expired")")
    }

    /// Whether a collateral signer (TCB signing certificate) is revoked by the root CA CRL; recorded as `check`.
    func checkNotRevoked(_ signer: DCAPCertificate, check: DCAPCheck, _ verdict: inout Verdict) {
        guard let root, let crl = crl(issuedBy: root) else { return }
        let serial = signer.serialNumber
        verdict.check(
            check, !crl.crl.isRevoked(serialNumber: serial), expected: "\(signer.subject) not revoked by the \(crl.summary)",
            observed: "serial \(Hex.encode(serial)) is revoked")
    }
}
