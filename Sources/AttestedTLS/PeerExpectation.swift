/// What the judging side knows and requires beyond the evidence itself: its fresh nonce and, in mutual mode, its
/// own key, which the peer's evidence must name.
public struct PeerExpectation: Sendable, Hashable {
    /// The nonce this side sent (fresh mode): the peer's key-binding claims must carry it.
    public var nonce: [UInt8]?
    /// This side's SPKI DER (mutual mode): the peer's claims must carry its hash as `peer-pubkey-hash`.
    public var ownSPKI: [UInt8]?

    public init(nonce: [UInt8]? = nil, ownSPKI: [UInt8]? = nil) {
        self.nonce = nonce
        self.ownSPKI = ownSPKI
    }

    /// No nonce, no peer key: the certificate alone.
    public static let none = PeerExpectation()
}
