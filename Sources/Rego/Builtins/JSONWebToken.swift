/// A compact-serialised JWS (RFC 7515 §7.1) split into its three segments, with the header and signature decoded.
///
/// The signing input is kept as the exact bytes of the first two segments: a signature is checked over what was sent,
/// never over a re-encoding.
struct JSONWebToken: Sendable, Hashable {
    /// The most bytes a token may have; longer ones are refused before they are split or decoded.
    static let maxTokenBytes = 1 << 20

    /// The first segment as sent (base64url).
    let encodedHeader: Substring
    /// The second segment as sent (base64url).
    let encodedPayload: Substring
    /// The third segment as sent (base64url).
    let encodedSignature: Substring

    /// Splits a compact token. Fails with OPA's messages when it has no period or not exactly three segments.
    init(compact token: String) throws(JWTError) {
        guard token.utf8.count <= Self.maxTokenBytes else { throw .tokenTooLarge(bytes: token.utf8.count, bound: Self.maxTokenBytes) }
        guard token.contains(".") else { throw .noPeriods }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .sectionCount(parts.count) }
        encodedHeader = parts[0]
        encodedPayload = parts[1]
        encodedSignature = parts[2]
    }

    /// `header.payload`: the bytes the signature covers.
    var signingInput: [UInt8] { Array(encodedHeader.utf8) + [UInt8(ascii: ".")] + Array(encodedPayload.utf8) }

    /// The signature bytes.
    func signature() throws(JWTError) -> [UInt8] {
        do { return try Self.decodeSegment(encodedSignature) } catch { throw .encoding(segment: "signature", reason: error.description) }
    }

    /// The header's JSON object.
    func header(limits: Limits) throws(JWTError) -> JWSHeader {
        let bytes: [UInt8]
        do { bytes = try Self.decodeSegment(encodedHeader) } catch { throw .encoding(segment: "header", reason: error.description) }
        guard case .object(let object) = try Self.json(bytes, limits: limits, segment: "header") else {
            throw .notAnObject(segment: "header")
        }
        return JWSHeader(object)
    }

    /// The payload bytes, base64url-decoded.
    func payloadBytes() throws(JWTError) -> [UInt8] {
        do { return try Self.decodeSegment(encodedPayload) } catch { throw .encoding(segment: "payload", reason: error.description) }
    }

    /// Parses decoded segment bytes as JSON.
    static func json(_ bytes: [UInt8], limits: Limits, segment: String) throws(JWTError) -> Value {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidJSON(segment: segment, reason: "invalid UTF-8") }
        do { return try Value(json: text, limits: limits) } catch { throw .invalidJSON(segment: segment, reason: error.message) }
    }

    /// The claims object of a payload.
    static func claims(_ bytes: [UInt8], limits: Limits) throws(JWTError) -> ObjectValue {
        guard case .object(let object) = try json(bytes, limits: limits, segment: "payload") else {
            throw .notAnObject(segment: "payload")
        }
        return object
    }

    /// Decodes one segment the way OPA does (RFC 7515 Appendix C): missing padding is restored, then the URL alphabet
    /// is decoded strictly, reporting the offset of the first byte that is not base64url.
    static func decodeSegment(_ segment: Substring) throws(Base64DecodingError) -> [UInt8] {
        try Base64Text.decode(segment.utf8, url: true, padding: .optional)
    }
}

/// The JOSE header members the JWT built-ins act on.
struct JWSHeader: Sendable, Hashable {
    /// The whole header object.
    let object: ObjectValue
    /// `alg`, or nil when absent or not a string.
    let algorithm: String?
    /// `kid`, or nil.
    let keyID: String?
    /// `cty`, or nil.
    let contentType: String?
    /// `typ`, or nil.
    let type: String?
    /// Whether an `enc` member makes this a JWE header.
    let isEncrypted: Bool
    /// The `crit` member's names; nil when absent.
    let critical: [Value]?

    init(_ object: ObjectValue) {
        self.object = object
        algorithm = object["alg"]?.stringValue
        keyID = object["kid"]?.stringValue
        contentType = object["cty"]?.stringValue
        type = object["typ"]?.stringValue
        isEncrypted = object["enc"] != nil
        if case .array(let names) = object["crit"] { critical = names } else { critical = object["crit"].map { [$0] } }
    }

    /// Whether the payload is itself a JWT (RFC 7519 §5.2).
    var isNested: Bool { contentType?.uppercased() == "JWT" }
}

/// What went wrong reading, verifying or signing a JWT; the message is OPA's where the suite compares it.
enum JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    case tokenTooLarge(bytes: Int, bound: Int)
    case noPeriods
    case sectionCount(Int)
    case encoding(segment: String, reason: String)
    case invalidJSON(segment: String, reason: String)
    case notAnObject(segment: String)
    case encrypted
    case nestingTooDeep(bound: Int)
    case key(String)
    case claim(String)
    case constraint(String)
    case signing(String)

    var description: String {
        switch self {
        case .tokenTooLarge(let bytes, let bound):
            "encoded JWT has \(bytes) bytes, more than the \(bound) allowed"
        case .noPeriods: "encoded JWT had no period separators"
        case .sectionCount(let n): "encoded JWT must have 3 sections, found \(n)"
        case .encoding(let segment, let reason): "JWT \(segment) had invalid encoding: \(reason)"
        case .invalidJSON(let segment, let reason): "JWT \(segment) is not valid JSON: \(reason)"
        case .notAnObject(let segment): "JWT \(segment) is not a JSON object"
        case .encrypted: "JWT is a JWE object, which is not supported"
        case .nestingTooDeep(let bound): "JWT nests more than \(bound) tokens"
        case .key(let m), .claim(let m), .constraint(let m), .signing(let m): m
        }
    }
}
