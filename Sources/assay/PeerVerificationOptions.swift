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

    @Option(
        name: .customLong("collateral"),
        help: ArgumentHelp("Vendor collateral for the peer's evidence: a file or a directory. Repeatable.", valueName: "file-or-dir"))
    var collateral: [String] = []

    @Flag(
        name: .customLong("fetch-collateral"),
        help: "Fetch collateral the evidence lacks from the vendor (AMD KDS, Intel PCS or $ASSAY_PCCS_URL), through the cache.")
    var fetchCollateral = false

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    @Flag(
        name: .customLong("partial-collateral"),
        help: "Verify even if a CRL, the TCB info or the QE identity is missing: those checks are skipped and listed as notes.")
    var partialCollateral = false

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Verify as of this RFC 3339 instant instead of now.", valueName: "time"))
    var asOf: String?

    @Option(
        name: .customLong("trusted-root"),
        help: ArgumentHelp("Trust this root certificate (PEM or DER) instead of the pinned roots. Repeatable.", valueName: "file"))
    var trustedRoots: [String] = []

    @Option(
        name: .customLong("reference-values"),
        help: ArgumentHelp("A reference-value document ({\"reference_values\": [...]}).", valueName: "file"))
    var referenceValues: String?

    @OptionGroup var appraisal: AppraisalPolicyOptions

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
        if let asOf, RFC3339.parse(asOf) == nil {
            throw ValidationError("--as-of must be an RFC 3339 timestamp such as 2024-12-11T22:14:21Z, got '\(asOf)'")
        }
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
        let references = try referenceValues.map {
            try ReferenceValueSet(json: try InputFiles.read($0, what: "reference values", limit: 64 * 1024 * 1024))
        }
        let pipeline = AttestationPipeline(
            verifiers: verifiers,
            appraiser: Appraiser(policy: try appraisal.load(), referenceValues: references ?? ReferenceValueSet()),
            signingKey: nil, build: "assay \(Assay.version)")
        let keys = try fetched ?? jwks.map {
            try JWKS(json: try JSONValue(parsing: try InputFiles.read($0, what: "JWKS", limit: 1024 * 1024)))
        }
        return PeerVerificationPolicy(
            pipeline: pipeline, collateral: try InputFiles.collateral(collateral),
            collateralProvider: fetchCollateral || cache.collateralCache != nil ? cache.provider(fetching: fetchCollateral) : nil,
            trustAnchors: try trustedRoots.isEmpty ? nil : trustedRoots.map(VerifyCommand.anchor),
            asOf: asOf.flatMap(RFC3339.parse), allowsPartialCollateral: partialCollateral,
            tokenVerifier: keys.map { TokenVerifier(jwks: $0) },
            acceptableStatus: TrustTier(rawValue: acceptStatus) ?? .warning)
    }
}
