import Appraisal
import ArgumentParser
import AttestationCore
import Foundation

/// What verification and appraisal read besides the evidence, shared by `assay verify` and the attested-TLS
/// commands: collateral (files, the cache, fetching), the instant, trusted roots, reference values and the policy.
struct VerificationInputOptions: ParsableArguments {
    @Option(
        name: .customLong("collateral"),
        help: ArgumentHelp(
            "Vendor collateral: a certificate, chain, CRL or signed document, or a directory of them. Repeatable.",
            valueName: "file-or-dir"))
    var collateral: [String] = []

    @Flag(
        name: .customLong("fetch-collateral"),
        help: ArgumentHelp(
            "Fetch collateral the evidence and --collateral lack from the vendor (AMD KDS, Intel PCS or the PCCS in "
                + "$ASSAY_PCCS_URL) over HTTPS, through the cache."))
    var fetchCollateral = false

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    @Flag(
        name: .customLong("partial-collateral"),
        help: "Verify even if a CRL, the TCB info or the QE identity is missing, or none of those given is in force at --as-of: the checks that need it are skipped and listed as notes. Without it, the newest document in force is used, else the nearest, whose validity check then fails naming its window.")
    var partialCollateral = false

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Verify as of this RFC 3339 instant (certificates, CRLs and collateral must be valid then). Default: now.",
            valueName: "time"))
    var asOf: String?

    @Option(
        name: .customLong("reference-values"),
        help: ArgumentHelp("A reference-value document ({\"reference_values\": [...]}).", valueName: "file"))
    var referenceValues: String?

    @OptionGroup var appraisal: AppraisalPolicyOptions

    @Option(
        name: .customLong("trusted-root"),
        help: ArgumentHelp(
            "Trust this root certificate (PEM or DER) instead of the built-in pinned roots. Repeatable.",
            valueName: "file"))
    var trustedRoots: [String] = []

    func validate() throws {
        if let asOf, RFC3339.parse(asOf) == nil {
            throw ValidationError("--as-of must be an RFC 3339 timestamp such as 2024-12-11T22:14:21Z, got '\(asOf)'")
        }
    }

    /// The --as-of instant, if given.
    var instant: Date? { asOf.flatMap(RFC3339.parse) }

    /// The collateral files.
    func collateralItems() throws -> [CollateralItem] { try InputFiles.collateral(collateral) }

    /// The cache (and, with --fetch-collateral, the vendor behind it), or nil to verify with given collateral only.
    func collateralProvider() -> (any CollateralProvider)? {
        guard fetchCollateral || cache.collateralCache != nil else { return nil }
        return cache.provider(fetching: fetchCollateral)
    }

    /// The --trusted-root anchors, or nil for the pinned roots.
    func trustAnchors() throws -> [TrustAnchor]? {
        guard !trustedRoots.isEmpty else { return nil }
        return try trustedRoots.map { path in
            let bytes = try InputFiles.read(path, what: "trusted root", limit: 64 * 1024)
            return TrustAnchor(name: path, derBytes: try PEM.certificates(in: bytes).first ?? bytes)
        }
    }

    /// The appraiser: the policy with the reference values.
    func appraiser() throws -> Appraiser {
        let references = try referenceValues.map {
            try ReferenceValueSet(json: try InputFiles.read($0, what: "reference values", limit: 64 * 1024 * 1024))
        }
        return Appraiser(policy: try appraisal.load(), referenceValues: references ?? ReferenceValueSet())
    }
}
