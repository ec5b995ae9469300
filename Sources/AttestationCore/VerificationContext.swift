public import Foundation

/// Everything outside the evidence that a verifier needs, injected: the instant, roots, collateral, binding.
public struct VerificationContext: Sendable {
    /// The instant at which certificates, CRLs and collateral must be valid ("verify as of").
    public var asOf: Date
    /// Roots to trust instead of the verifier's built-in pinned roots; nil means the built-in ones.
    public var trustAnchors: [TrustAnchor]?
    /// Collateral given explicitly (files, API request fields).
    public var collateral: [CollateralItem]
    /// Where to fetch collateral that is neither in the evidence nor in ``collateral``; nil means offline.
    public var collateralProvider: (any CollateralProvider)?
    /// The report data the evidence must carry, if the caller knows it.
    public var expectedReportData: ExpectedReportData?
    /// Whether a verifier may evaluate evidence whose collateral is incomplete (a missing CRL, TCB info or QE
    /// identity): the checks that need it are skipped and listed in the verdict's notes instead of the
    /// verification throwing. Collateral that is present is always checked, expired collateral always fails.
    public var allowsPartialCollateral: Bool

    public init(
        asOf: Date,
        trustAnchors: [TrustAnchor]? = nil,
        collateral: [CollateralItem] = [],
        collateralProvider: (any CollateralProvider)? = nil,
        expectedReportData: ExpectedReportData? = nil,
        allowsPartialCollateral: Bool = false
    ) {
        self.asOf = asOf
        self.trustAnchors = trustAnchors
        self.collateral = collateral
        self.collateralProvider = collateralProvider
        self.expectedReportData = expectedReportData
        self.allowsPartialCollateral = allowsPartialCollateral
    }
}
