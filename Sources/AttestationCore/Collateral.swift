/// One piece of vendor collateral given to a verifier: a certificate, chain, CRL or signed document.
///
/// Verifiers recognise items by content (PEM labels, DER structure, JSON shape); ``source`` is for messages.
public struct CollateralItem: Sendable, Hashable {
    /// Largest collateral item accepted (Intel TCB info and AMD CRLs are tens of kilobytes).
    public static let maxBytes = 2 * 1024 * 1024

    /// Where the item came from: a file path, a URL or an API field, named in error messages.
    public let source: String
    /// The exact bytes.
    public let bytes: [UInt8]

    public init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }
}
