public import AttestationCore
public import Attestation
public import Foundation
public import Tokens

/// How a side of an attested-TLS connection judges its peer's certificate.
public struct PeerVerificationPolicy: Sendable {
    /// Verifiers of the enabled TEEs and the appraiser (policy + reference values); evidence for any other TEE is
    /// refused.
    public var pipeline: AttestationPipeline
    /// Collateral given on the command line.
    public var collateral: [CollateralItem]
    /// The cache and, when fetching is on, the vendor behind it.
    public var collateralProvider: (any CollateralProvider)?
    /// Roots to trust instead of the pinned ones.
    public var trustAnchors: [TrustAnchor]?
    /// Verify as of this instant (nil: the handshake's time).
    public var asOf: Date?
    /// Skip checks whose collateral is missing, listing them as notes.
    public var allowsPartialCollateral: Bool
    /// Passport mode: EAR tokens in certificates are verified against this JWKS instead of the evidence.
    public var tokenVerifier: TokenVerifier?
    /// The worst appraisal status still accepted (default: warning, so contraindicated is refused).
    public var acceptableStatus: TrustTier
    /// How long a verdict on the same certificate and expectation is reused.
    public var cacheLifetime: TimeInterval

    /// Verdicts are reused for a minute: a repeat handshake costs one lookup, and a revoked platform or an expired
    /// collateral document is noticed within the minute.
    public static let defaultCacheLifetime: TimeInterval = 60

    public init(
        pipeline: AttestationPipeline, collateral: [CollateralItem] = [], collateralProvider: (any CollateralProvider)? = nil,
        trustAnchors: [TrustAnchor]? = nil, asOf: Date? = nil, allowsPartialCollateral: Bool = false,
        tokenVerifier: TokenVerifier? = nil, acceptableStatus: TrustTier = .warning,
        cacheLifetime: TimeInterval = defaultCacheLifetime
    ) {
        self.pipeline = pipeline
        self.collateral = collateral
        self.collateralProvider = collateralProvider
        self.trustAnchors = trustAnchors
        self.asOf = asOf
        self.allowsPartialCollateral = allowsPartialCollateral
        self.tokenVerifier = tokenVerifier
        self.acceptableStatus = acceptableStatus
        self.cacheLifetime = cacheLifetime
    }

    /// The TEEs whose evidence is accepted.
    public var enabledTEEs: [TEEKind] { pipeline.verifiers.keys.sorted() }
}
