public import CBOR

/// Why a Nitro attestation document could not be evaluated (thrown; a rejected document is a verdict).
public enum NitroError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not CBOR, or not a COSE_Sign1 over an attestation document.
    case malformedDocument(String)
    /// A field is missing, of the wrong type, or outside its bound.
    case invalidField(field: String, reason: String)
    /// The configured trust anchor cannot be used.
    case invalidTrustAnchor(String)

    public var description: String {
        switch self {
        case .malformedDocument(let reason): return "malformed Nitro attestation document: \(reason)"
        case .invalidField(let field, let reason): return "Nitro attestation document field \(field): \(reason)"
        case .invalidTrustAnchor(let reason): return "invalid Nitro trust anchor: \(reason)"
        }
    }

    /// Runs `body`, turning a CBOR error into ``malformedDocument(_:)``.
    static func cbor<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CBORError { throw NitroError.malformedDocument("\(error)") }
    }
}
