public import AttestationCore

/// The HCL runtime data: the JSON the hardware report binds (`{"keys": [JWK…], "vm-configuration": {…},
/// "user-data": hex}`), kept byte-exact. Members other than these are kept in ``json`` and not judged.
public struct HCLRuntimeData: Sendable, Hashable {
    /// Most JWKs read from `keys` (Azure writes two: HCLAkPub and HCLEkPub).
    public static let maxKeys = 16
    /// Longest `user-data` hex text (64 bytes = 128 digits).
    public static let maxUserDataHexLength = 128

    /// The exact bytes the hardware report binds.
    public let bytes: [UInt8]
    /// The parsed object.
    public let json: [String: JSONValue]
    /// The JWKs of `keys`, in order.
    public let keys: [[String: JSONValue]]
    /// `vm-configuration`, if present.
    public let vmConfiguration: JSONValue?
    /// `user-data` (hex text, as written; Azure writes uppercase), if present.
    public let userData: String?

    /// Parses runtime-data JSON.
    public init(parsing bytes: [UInt8]) throws {
        let value: JSONValue
        do { value = try JSONValue(parsing: bytes) } catch {
            throw AzureCVMError.malformedRuntimeData("not JSON (\(error))")
        }
        guard let object = value.objectValue else { throw AzureCVMError.malformedRuntimeData("not a JSON object") }
        var keys: [[String: JSONValue]] = []
        if let list = object["keys"] {
            guard let array = list.arrayValue else { throw AzureCVMError.malformedRuntimeData("keys is not an array") }
            guard array.count <= Self.maxKeys else {
                throw AzureCVMError.malformedRuntimeData("keys has \(array.count) entries, above the limit of \(Self.maxKeys)")
            }
            keys = try array.enumerated().map { index, key in
                guard let object = key.objectValue else { throw AzureCVMError.malformedRuntimeData("keys[\(index)] is not an object") }
                return object
            }
        }
        if let userData = object["user-data"] {
            guard let text = userData.stringValue, text.utf8.count <= Self.maxUserDataHexLength else {
                throw AzureCVMError.malformedRuntimeData("user-data is not hex text of at most \(Self.maxUserDataHexLength) digits")
            }
            self.userData = text
        } else {
            self.userData = nil
        }
        self.bytes = bytes
        self.json = object
        self.keys = keys
        self.vmConfiguration = object["vm-configuration"]
    }

    /// The key ids (`kid`) of ``keys``, in order.
    public var keyIDs: [String] { keys.compactMap { $0["kid"]?.stringValue } }

    /// The JWK with this `kid`, if present.
    public func key(id: String) -> [String: JSONValue]? { keys.first { $0["kid"]?.stringValue == id } }

    /// `user-data` decoded, if present and hex.
    public var userDataBytes: [UInt8]? { userData.flatMap { try? Hex.decode($0.lowercased()) } }
}
