/// What consuming a nonce found.
public enum NonceStatus: Sendable, Equatable {
    /// Issued, unexpired, and now consumed by this call.
    case consumed
    /// Issued but expired (and now removed).
    case expired
    /// Never issued, or already consumed.
    case unknown
}
