public import AttestationCore

/// The body of `POST /v1/secrets/{path}/release`, validated: empty, or `{"tee_pubkey": JWK}` naming the key the
/// secret must be sealed to (it must be the attested one).
public struct ReleaseRequest: Sendable {
    /// Largest body accepted.
    public static let maxBodyBytes = 16 * 1024

    /// The key the request names, if any.
    public let requestedKey: JSONValue?

    /// Validates body bytes; throws a ``Problem`` (400).
    public init(body bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            requestedKey = nil
            return
        }
        let body: JSONValue
        do { body = try JSONValue(parsing: bytes) } catch {
            throw Problem.invalidRequest("the body must be empty or a JSON object {\"tee_pubkey\": JWK}: \(error)")
        }
        guard let members = body.objectValue, members.keys.allSatisfy({ $0 == "tee_pubkey" }) else {
            throw Problem.invalidRequest("the body must be empty or a JSON object {\"tee_pubkey\": JWK}")
        }
        requestedKey = members["tee_pubkey"]
    }
}
