/// A request for one vendor document (AMD KDS certificate or CRL, Intel PCS TCB info, …) by URL.
public struct CollateralRequest: Sendable, Hashable, CustomStringConvertible {
    /// The vendor URL of the document.
    public let url: String
    /// The largest response accepted for this document.
    public let maxBytes: Int

    public init(url: String, maxBytes: Int = CollateralItem.maxBytes) {
        self.url = url
        self.maxBytes = maxBytes
    }

    public var description: String { url }
}

/// A document returned for a ``CollateralRequest``.
public struct CollateralResponse: Sendable, Hashable {
    /// The body, byte-exact.
    public let body: [UInt8]
    /// Response headers that carry meaning for collateral (lowercased names), e.g. Intel's
    /// `tcb-info-issuer-chain`.
    public let headers: [String: String]

    public init(body: [UInt8], headers: [String: String] = [:]) {
        self.body = body
        self.headers = headers
    }
}

/// Supplies vendor collateral that the evidence and the given collateral do not carry.
///
/// Injected into ``VerificationContext`` so that tests run offline and a vendor outage falls back to a cache.
public protocol CollateralProvider: Sendable {
    /// Fetches one document; throws when it cannot be had.
    func fetch(_ request: CollateralRequest) async throws -> CollateralResponse
}
