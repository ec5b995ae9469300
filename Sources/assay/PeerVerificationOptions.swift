import Appraisal
import ArgumentParser
import Attestation
import AttestationCore
import AttestedTLS
import Foundation
import Tokens

/// How `assay tls verify-cert`, `connect` and `forward` judge a peer's attested certificate: which TEEs, which
/// collateral, policy and reference values, and (passport mode) which JWKS.
struct PeerVerificationOptions: ParsableArguments {
    @Option(
        name: .customLong("enable-tee"),
        help: ArgumentHelp(
            "Accept evidence from this TEE (\(Registry.teeNames)). Repeatable. Default: every hardware TEE; the Sample "
                + "TEE, whose root is public, only when named here.",
            valueName: "tee"))
    var enableTEE: [TEEKind] = []

    @OptionGroup var inputs: VerificationInputOptions

    @Option(
        name: .customLong("accept-status"),
        help: ArgumentHelp(
            "The worst appraisal status accepted: affirming, or warning (default; contraindicated is always refused).",
            valueName: "status"))
    var acceptStatus: String = TrustTier.warning.rawValue

    @Option(
        name: .customLong("jwks"),
        help: ArgumentHelp(
            "Passport mode: accept a certificate's EAR token if it verifies with this JWKS file and names the "
                + "certificate's key (evidence without a token is still verified).",
            valueName: "file"))
    var jwks: String?

    func validate() throws {
        guard let status = TrustTier(rawValue: acceptStatus), status == .affirming || status == .warning else {
            throw ValidationError("--accept-status must be affirming or warning, got '\(acceptStatus)'")
        }
        let known = Set(Registry.verifiers.map(\.tee))
        for tee in enableTEE where !known.contains(tee) {
            throw ValidationError("--enable-tee \(tee): no such TEE (known: \(Registry.teeNames))")
        }
    }

    /// The enabled verifiers: the named TEEs, else every hardware TEE.
    var verifiers: [any EvidenceVerifier] {
        let named = Set(enableTEE)
        return Registry.verifiers.filter { named.isEmpty ? !$0.isDevelopmentOnly : named.contains($0.tee) }
    }

    /// The policy these options describe; `jwks` overrides --jwks (a JWKS fetched from --server).
    func policy(jwks fetched: JWKS? = nil) throws -> PeerVerificationPolicy {
        let pipeline = AttestationPipeline(
            verifiers: verifiers, appraiser: try inputs.appraiser(), signingKey: nil, build: "assay \(Assay.version)")
        let keys = try fetched ?? jwks.map {
            try JWKS(json: try JSONValue(parsing: try InputFiles.read($0, what: "JWKS", limit: 1024 * 1024)))
        }
        return PeerVerificationPolicy(
            pipeline: pipeline, collateral: try inputs.collateralItems(), collateralProvider: inputs.collateralProvider(),
            trustAnchors: try inputs.trustAnchors(), asOf: inputs.instant, allowsPartialCollateral: inputs.partialCollateral,
            tokenVerifier: keys.map { TokenVerifier(jwks: $0) },
            acceptableStatus: TrustTier(rawValue: acceptStatus) ?? .warning)
    }
}
