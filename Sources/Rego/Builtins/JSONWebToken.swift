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
    static func decodeSegment(_ segment: Substring) throws(Base64SegmentError) -> [UInt8] {
        var bytes = Array(segment.utf8)
        if bytes.last != UInt8(ascii: "=") {
            switch bytes.count % 4 {
            case 2: bytes += [UInt8(ascii: "="), UInt8(ascii: "=")]
            case 3: bytes.append(UInt8(ascii: "="))
            case 1: throw .badLength(String(segment))
            default: break
            }
        }
        return try decodeBase64URL(bytes)
    }

    /// Strict padded base64url decoding; line breaks are skipped as Go's decoder does.
    private static func decodeBase64URL(_ bytes: [UInt8]) throws(Base64SegmentError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var quantum: [UInt8] = []
        var padding = 0
        for (offset, c) in bytes.enumerated() {
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { continue }
            if c == UInt8(ascii: "=") {
                // Padding may only complete the last quantum, after at least two symbols.
                guard quantum.count >= 2, quantum.count + padding < 4 else { throw .illegalByte(offset: offset) }
                padding += 1
                continue
            }
            guard padding == 0, let v = base64URLValue(c) else { throw .illegalByte(offset: offset) }
            quantum.append(v)
            if quantum.count == 4 {
                out.append(quantum[0] << 2 | quantum[1] >> 4)
                out.append((quantum[1] & 15) << 4 | quantum[2] >> 2)
                out.append((quantum[2] & 3) << 6 | quantum[3])
                quantum.removeAll(keepingCapacity: true)
            }
        }
        switch quantum.count {
        case 0:
            break
        case 2 where quantum.count + padding == 4:
            out.append(quantum[0] << 2 | quantum[1] >> 4)
        case 3 where quantum.count + padding == 4:
            out.append(quantum[0] << 2 | quantum[1] >> 4)
            out.append((quantum[1] & 15) << 4 | quantum[2] >> 2)
        default:
            throw .illegalByte(offset: max(0, bytes.count - 1))
        }
        return out
    }

    private static func base64URLValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - 65
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - 71
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c + 4
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}

/// Why a base64url segment could not be decoded, worded as Go's decoder words it.
enum Base64SegmentError: Error, CustomStringConvertible {
    /// The byte at `offset` is not in the alphabet or a misplaced `=`.
    case illegalByte(offset: Int)
    /// The unpadded length leaves a single dangling symbol.
    case badLength(String)

    var description: String {
        switch self {
        case .illegalByte(let offset): "illegal base64 data at input byte \(offset)"
        case .badLength(let s): "illegal base64url string: \(s.prefix(64))"
        }
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
