/// The runtime data an attester sends byte-exact beside its evidence (ARCHITECTURE.md §1).
///
/// It is a JSON object holding at least `nonce` and, for key release or attested TLS, `tee_pubkey` (a JWK).
/// The exact bytes are what the evidence is bound to; the parsed JSON is for reading those members.
public struct RuntimeData: Sendable, Hashable {
    /// Largest runtime data accepted (a nonce, a JWK and some metadata fit easily).
    public static let maxBytes = 64 * 1024

    /// The exact bytes, as hashed into the evidence.
    public let bytes: [UInt8]
    /// The parsed JSON object, or nil when the bytes are not a JSON object (offline verification allows that).
    public let json: [String: JSONValue]?

    /// Wraps runtime-data bytes, parsing them as JSON when they are a JSON object.
    public init(bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxBytes else {
            throw AttestationCoreError.boundExceeded(field: "runtime data size", value: bytes.count, limit: Self.maxBytes)
        }
        self.bytes = bytes
        self.json = (try? JSONValue(parsing: bytes))?.objectValue
    }

    /// Builds runtime data from JSON members, serialised compactly with sorted keys.
    public init(json members: [String: JSONValue]) {
        self.bytes = JSONValue.object(members).compactBytes
        self.json = members
    }

    /// The `nonce` member, if present.
    public var nonce: String? { json?["nonce"]?.stringValue }

    /// The `tee_pubkey` member (a JWK), if present.
    public var teePublicKey: [String: JSONValue]? { json?["tee_pubkey"]?.objectValue }

    /// The report data this runtime data must appear as in evidence under `binding`.
    public func reportData(for binding: ReportDataBinding) -> [UInt8] {
        binding.digest(of: bytes)
    }
}
