import Crypto
import Interchange

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) for one HTTP request, as `providers.aws.sign_req` computes it: the
/// canonical request keeps the method and path as given, and headers the request already has take part in the
/// signature with their own values.
struct AWSSignatureV4: Sendable {
    /// The credentials and scope.
    struct Credentials: Sendable {
        var accessKey: String
        var secretKey: String
        var sessionToken: String?
        var service: String
        var region: String
    }

    let credentials: Credentials
    /// Whether the payload hash is `UNSIGNED-PAYLOAD` rather than the body's SHA-256.
    let unsignedPayload: Bool

    /// The headers to add to the request (`host`, `x-amz-*`, `Authorization`), by name.
    func headers(method: String, url: String, requestHeaders: [(name: String, value: String)], body: [UInt8], unixSeconds: Int) -> [(String, String)] {
        let (day, stamp) = Self.timestamps(unixSeconds)
        let target = Self.split(url)
        let payloadHash = unsignedPayload ? "UNSIGNED-PAYLOAD" : Self.hex(SHA256.hash(data: body))
        var added: [(String, String)] = [("host", target.host), ("x-amz-content-sha256", payloadHash), ("x-amz-date", stamp)]
        if let token = credentials.sessionToken { added.append(("x-amz-security-token", token)) }

        // The request's own headers are signed with their values, over the ones added.
        var signed: [String: String] = [:]
        for (name, value) in added { signed[name] = value }
        for (name, value) in requestHeaders { signed[name.lowercased()] = value.trimmingSpaces }
        let names = signed.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(signed[$0] ?? "")\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [method, target.path, target.canonicalQuery, canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")

        let scope = "\(day)/\(credentials.region)/\(credentials.service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretKey)".utf8))
        for part in [day, credentials.region, credentials.service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKey)/\(scope),SignedHeaders=\(signedHeaders),Signature=\(signature)"
        return added + [("Authorization", authorization)]
    }

    /// `YYYYMMDD` and `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func timestamps(_ unixSeconds: Int) -> (day: String, stamp: String) {
        let days = unixSeconds.flooredDivision(by: 86_400)
        let seconds = unixSeconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(date.year)
        let day = String(repeating: "0", count: max(0, 4 - year.count)) + year + two(date.month) + two(date.day)
        return (day, "\(day)T\(two(seconds / 3600))\(two(seconds % 3600 / 60))\(two(seconds % 60))Z")
    }

    /// The host (with any port), path and sorted query of an absolute URL.
    static func split(_ url: String) -> (host: String, path: String, canonicalQuery: String) {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        let pairs = query.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return (String(host), String(rest[slash...]), pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String { BuiltinRegistry.hexEncode(Array(bytes)) }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
