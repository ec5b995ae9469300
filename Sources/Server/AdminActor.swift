/// Who made an admin change, for its audit record: the client's address and a fingerprint of the admin token it
/// presented (the first 16 hex digits of its SHA-256: enough to tell tokens apart, useless for guessing one).
public struct AdminActor: Sendable {
    /// The client's address.
    public let client: String
    /// `admin:` + the token fingerprint.
    public let principal: String

    public init(client: String, principal: String) {
        self.client = client
        self.principal = principal
    }
}
