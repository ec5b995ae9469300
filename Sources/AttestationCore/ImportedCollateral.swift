public import Foundation

/// A vendor document as the response to the URL it answers, to import into a ``CachedCollateralProvider`` for
/// offline use (`assay collateral import`): a KDS VCEK answers its `/vcek/v1/…` URL, an Intel TCB info its
/// `/certification/v4/tcb?fmspc=` URL with its issuer chain as the header PCS sends.
public struct ImportedCollateral: Sendable {
    /// The URL the document answers.
    public let url: String
    /// The body and headers a vendor would have sent.
    public let response: CollateralResponse
    /// When the document was issued (TCB info issue date, CRL this update, certificate not-before): of several
    /// documents for one URL, the newest is kept.
    public let issued: Date
    /// What it is, for messages (`TDX TCB info for FMSPC 50806f000000, issued …`).
    public let description: String

    public init(url: String, response: CollateralResponse, issued: Date, description: String) {
        self.url = url
        self.response = response
        self.issued = issued
        self.description = description
    }
}
