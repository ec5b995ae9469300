import AttestationCore
import Foundation
import PKI

extension NvidiaGPUVerifier {
    /// Asks the OCSP responder about every certificate of `path` below its anchor (``OCSPChainCheck``): each must
    /// be `good`, in an answer signed by its issuer (or a responder it delegated) and current at the instant. A
    /// responder that cannot be reached throws, unless partial collateral is allowed: then the verdict notes what
    /// was not checked.
    func checkRevocation(
        _ path: [X509Certificate], provider: any CollateralProvider, context: VerificationContext, into verdict: inout Verdict
    ) async throws {
        let outcome = try await OCSPChainCheck(url: ocspURL).check(
            path, provider: provider, at: context.asOf, allowsPartial: context.allowsPartialCollateral)
        verdict.notes += outcome.unchecked
        verdict.check(
            NvidiaCheck.deviceChainNotRevoked, outcome.problems.isEmpty,
            expected: "every device certificate good in a current OCSP answer signed by its issuer (\(ocspURL))",
            observed: outcome.problems.joined(separator: "; "))
    }
}
