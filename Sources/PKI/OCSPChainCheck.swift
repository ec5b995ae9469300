public import AttestationCore
public import Foundation

/// Asks an OCSP responder about every certificate of a certificate path below its anchor, through a collateral
/// provider (so answers are cached and a cache serves offline verification).
public struct OCSPChainCheck: Sendable {
    /// What the responder's answers showed.
    public struct Outcome: Sendable {
        /// Every certificate that is not `good` in a current answer signed by its issuer, with why.
        public var problems: [String] = []
        /// Certificates whose answer could not be fetched (partial collateral allowed), with why.
        public var unchecked: [String] = []
    }

    /// The responder's URL.
    public let url: String

    public init(url: String) { self.url = url }

    /// Checks `path` (leaf first, anchor last) at `instant`. A responder that cannot be reached throws, unless
    /// `allowsPartial`: then the certificate is listed in ``Outcome/unchecked``.
    public func check(
        _ path: [X509Certificate], provider: any CollateralProvider, at instant: Date, allowsPartial: Bool
    ) async throws -> Outcome {
        var outcome = Outcome()
        for (certificate, issuer) in zip(path, path.dropFirst()) where certificate.derBytes != issuer.derBytes {
            let name = "'\(certificate.subjectCommonName ?? "?")'"
            let request = CollateralRequest(
                url: url, maxBytes: OCSPResponse.maxBytes,
                body: (try OCSPRequest.der(for: certificate, issuer: issuer), "application/ocsp-request"))
            let answer: CollateralResponse
            do { answer = try await provider.fetch(request) } catch {
                guard allowsPartial else { throw error }
                outcome.unchecked.append("revocation of \(name) was not checked: \(error)")
                continue
            }
            do {
                let status = try OCSPResponse.status(of: certificate, issuer: issuer, response: answer.body, at: instant)
                if case .good = status { continue }
                outcome.problems.append("\(name) is \(status)")
            } catch {
                outcome.problems.append("\(name): \(error)")
            }
        }
        return outcome
    }
}
