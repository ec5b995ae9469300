public import AttestationCore
public import Foundation
import PKI
public import X509

extension TPMTrustStore {
    /// Checks that a certificate chains to the trusted roots at `instant` (check `<role>_certificate_chain`)
    /// and records its claims under `<role>_certificate`; throws when it is not a parseable certificate, or when the
    /// task is cancelled during chain building.
    @discardableResult
    public func check(_ der: [UInt8], role: String, at instant: Date, _ verdict: inout Verdict) async throws -> Certificate {
        try checkChain(der, role: role, at: instant, &verdict).certificate
    }

    /// ``check(_:role:at:_:)``, also returning the root the chain ends at when there is one.
    func checkChain(
        _ der: [UInt8], role: String, at instant: Date, _ verdict: inout Verdict
    ) throws -> (certificate: Certificate, root: X509Certificate?) {
        let (certificate, x509) =
            try cache?.parse(der, role: "\(role.uppercased()) certificate")
            ?? Self.parse(der, role: "\(role.uppercased()) certificate")
        verdict.claims["\(role)_certificate"] = cache?.claims(of: certificate, der: der) ?? certificate.tcgClaims(der: der)
        switch try chain.validate(x509, issuerName: "\(certificate.issuer)", at: instant) {
        case .valid(let path):
            verdict.check(TPMCheck.certificateChain(role: role), true, expected: "", observed: "")
            return (certificate, path.last)
        case .invalid(let reason):
            verdict.fail(
                TPMCheck.certificateChain(role: role), expected: "a chain to \(rootsDescription) valid at \(RFC3339.format(instant))",
                observed: reason)
            return (certificate, nil)
        }
    }
}
