public import AttestationCore
public import Foundation
public import X509

extension TPMTrustStore {
    /// Checks that a certificate chains to the trusted roots at `instant` (check `<role>_certificate_chain`)
    /// and records its claims under `<role>_certificate`; throws when it is not a parseable certificate.
    @discardableResult
    public func check(_ der: [UInt8], role: String, at instant: Date, _ verdict: inout Verdict) async throws -> Certificate {
        let certificate: Certificate
        do { certificate = try Certificate(derEncoded: der) } catch {
            throw TPMError.invalidCertificate(role: "\(role.uppercased()) certificate", reason: "\(error)")
        }
        verdict.claims["\(role)_certificate"] = certificate.tcgClaims(der: der)
        switch await chain.validate(certificate, at: instant) {
        case .valid: verdict.check("\(role)_certificate_chain", true, expected: "", observed: "")
        case .invalid(let reason):
            verdict.fail(
                "\(role)_certificate_chain", expected: "a chain to \(rootsDescription) valid at \(RFC3339.format(instant))",
                observed: reason)
        }
        return certificate
    }
}
