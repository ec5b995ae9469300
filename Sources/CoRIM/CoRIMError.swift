public import CBOR

/// Why bytes are not a CoRIM this module reads, or why one cannot be imported.
public enum CoRIMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not well-formed CBOR (or exceed the CBOR reader's depth and item bounds).
    case cbor(CBORError)
    /// Well-formed CBOR that is not a CoRIM.
    case notCoRIM(found: String)
    /// A CoRIM item does not have the shape draft-ietf-rats-corim gives it.
    case malformed(location: String, reason: String)
    /// More entries than the named bound.
    case tooMany(location: String, count: Int, limit: Int)
    /// A signed CoRIM (COSE_Sign1) whose signature Assay has not verified, imported without the caller accepting that.
    case signatureNotVerified

    public var description: String {
        switch self {
        case .cbor(let error):
            return "not a CoRIM: \(error); give the CBOR file itself (not hex, base64 or JSON)"
        case .notCoRIM(let found):
            return "not a CoRIM: expected CBOR tag 501 (unsigned CoRIM) or COSE_Sign1 (tag 18) around one, found \(found)"
        case .malformed(let location, let reason):
            return "malformed CoRIM at \(location): \(reason)"
        case .tooMany(let location, let count, let limit):
            return "CoRIM \(location) has \(count) entries, above the limit of \(limit); split the manifest"
        case .signatureNotVerified:
            return "the CoRIM is signed (COSE_Sign1) and Assay does not verify CoRIM signatures: verify it with the "
                + "issuer's tools, then import it with --allow-unverified-signature (the provenance then says so)"
        }
    }
}
