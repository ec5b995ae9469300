import Crypto

/// A request for one vendor document (AMD KDS certificate or CRL, Intel PCS TCB info, …) by URL, or an answer to a
/// posted body (an OCSP request).
public struct CollateralRequest: Sendable, Hashable, CustomStringConvertible {
    /// The vendor URL of the document.
    public let url: String
    /// The largest response accepted for this document.
    public let maxBytes: Int
    /// A body to POST instead of a GET (an OCSP request), with its content type.
    public let body: (bytes: [UInt8], contentType: String)?

    public init(url: String, maxBytes: Int = CollateralItem.maxBytes, body: (bytes: [UInt8], contentType: String)? = nil) {
        self.url = url
        self.maxBytes = maxBytes
        self.body = body
    }

    /// What a cache files the answer under: the URL, plus the SHA-256 of a posted body.
    public var cacheKey: String {
        body.map { "\(url)#post-sha256=\(Hex.encode(SHA256.hash(data: $0.bytes)))" } ?? url
    }

    public var description: String { body == nil ? url : "POST \(url) (\(body?.contentType ?? ""))" }

    public static func == (lhs: CollateralRequest, rhs: CollateralRequest) -> Bool {
        lhs.url == rhs.url && lhs.maxBytes == rhs.maxBytes && lhs.body?.bytes == rhs.body?.bytes
            && lhs.body?.contentType == rhs.body?.contentType
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(url)
        hasher.combine(maxBytes)
        hasher.combine(body?.bytes)
        hasher.combine(body?.contentType)
    }
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
