/// The expected signer and attributes of a TDX module, with TCB levels for its SVN (TDX TCB info v3).
import AttestationCore
///
/// The `tdxModule` member has no id and no levels; each `tdxModuleIdentities` entry is named `TDX_<major>`.
public struct TDXModuleIdentity: Sendable, Hashable {
    /// Bound on module identities and on their levels.
    static let maxEntries = 256

    /// `id` (`TDX_01`, `TDX_03`, …); nil for the `tdxModule` member.
    public let id: String?
    /// `mrsigner` (48 bytes): the expected MRSIGNERSEAM.
    public let mrSigner: [UInt8]
    /// `attributes` (8 bytes): the expected SEAMATTRIBUTES under ``attributesMask``.
    public let attributes: [UInt8]
    /// `attributesMask` (8 bytes).
    public let attributesMask: [UInt8]
    /// `tcbLevels` (empty for the `tdxModule` member).
    public let tcbLevels: [IdentityTCBLevel]

    init(json: JSONValue, withLevels: Bool, source: String) throws {
        id = withLevels ? try json.string("id", in: source) : nil
        mrSigner = try json.hex("mrsigner", in: source, length: 48)
        attributes = try json.hex("attributes", in: source, length: 8)
        attributesMask = try json.hex("attributesMask", in: source, length: 8)
        tcbLevels = withLevels
            ? try json.array("tcbLevels", in: source, limit: Self.maxEntries).map {
                try IdentityTCBLevel(json: $0, source: source)
            } : []
    }

    /// Whether a TD's MRSIGNERSEAM and SEAMATTRIBUTES match this identity.
    public func matches(mrSignerSeam: [UInt8], seamAttributes: [UInt8]) -> Bool {
        guard mrSignerSeam == mrSigner, seamAttributes.count == attributesMask.count else { return false }
        return zip(zip(seamAttributes, attributesMask), attributes).allSatisfy { pair, expected in
            pair.0 & pair.1 == expected & pair.1
        }
    }
}
