import AttestationCore
import Foundation
import PKI

extension NvidiaGPUVerifier {
    /// Asks the OCSP responder about every certificate of `path` below its anchor, through the context's collateral
    /// provider (so answers are cached and verification works offline from the cache): each must be `good`, in an
    /// answer signed by its issuer (or a responder it delegated) and current at the instant. A responder that cannot
    /// be reached throws, unless partial collateral is allowed: then the verdict notes what was not checked.
    func checkRevocation(
        _ path: [X509Certificate], provider: any CollateralProvider, context: VerificationContext, into verdict: inout Verdict
    ) async throws {
        var problems: [String] = []
        for (certificate, issuer) in zip(path, path.dropFirst()) where certificate.derBytes != issuer.derBytes {
            let name = "'\(certificate.subjectCommonName ?? "?")'"
            let request = CollateralRequest(
                url: ocspURL, maxBytes: OCSPResponse.maxBytes,
                body: (try OCSPRequest.der(for: certificate, issuer: issuer), "application/ocsp-request"))
            let answer: CollateralResponse
            do { answer = try await provider.fetch(request) } catch {
                guard context.allowsPartialCollateral else { throw error }
                verdict.notes.append("revocation of \(name) was not checked: \(error)")
                continue
            }
            do {
                let status = try OCSPResponse.status(of: certificate, issuer: issuer, response: answer.body, at: context.asOf)
                if case .good = status { continue }
                problems.append("\(name) is \(status)")
            } catch {
                problems.append("\(name): \(error)")
            }
        }
        verdict.check(
            NvidiaCheck.deviceChainNotRevoked, problems.isEmpty,
            expected: "every device certificate good in a current OCSP answer signed by its issuer (\(ocspURL))",
            observed: problems.joined(separator: "; "))
    }
}
