public import AttestationCore
public import Hummingbird
import HTTPTypes
import NIOCore

/// An RFC 9457 problem detail: what the API returns for every error, as `application/problem+json`.
///
/// `type` is a stable URN (``ProblemType``) clients can switch on; `detail` is for people and names the cause and
/// the fix. Throwing one from a route answers with it.
public struct Problem: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The problem type.
    public let type: ProblemType
    /// This occurrence, explained with cause and fix.
    public let detail: String
    /// Extra members (e.g. `failures`).
    public let extensions: [String: JSONValue]
    /// Header fields of the answer (`Retry-After` for 503s, `Allow` for 405s).
    public let headers: [String: String]

    public init(
        _ type: ProblemType, _ detail: String, extensions: [String: JSONValue] = [:], retryAfter: Int? = nil,
        headers: [String: String] = [:]
    ) {
        self.type = type
        self.detail = detail
        self.extensions = extensions
        var headers = headers
        if let retryAfter { headers["Retry-After"] = String(retryAfter) }
        self.headers = headers
    }

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: type.status) }

    public var description: String { "\(type.status) \(type.name): \(detail)" }

    /// The JSON body.
    public var json: JSONValue {
        var members = extensions
        members["type"] = .string(type.uri)
        members["title"] = .string(type.title)
        members["status"] = .integer(Int64(type.status))
        members["detail"] = .string(detail)
        return .object(members)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The `application/problem+json` response.
    public var response: Response {
        var response = HTTPBody.response(json, status: status, contentType: "application/problem+json")
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }

    static func invalidRequest(_ detail: String) -> Problem { Problem(.invalidRequest, detail) }

    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }

    static func payloadTooLarge(limit: Int) -> Problem {
        Problem(.payloadTooLarge, "the body exceeds the limit of \(limit) bytes (max_body_bytes)")
    }

    static let unauthorized = Problem(
        .unauthorized,
        "send 'Authorization: Bearer <admin token>' (the token configured with --admin-token-file or ASSAY_ADMIN_TOKEN)")

    static let adminDisabled = Problem(
        .adminDisabled, "start assay serve with --admin-token-file FILE or ASSAY_ADMIN_TOKEN to enable the admin API")

    static let internalError = Problem(
        .internalError, "the server could not complete the request; the server log has the cause")
}

/// A domain error that the API answers with a problem; the core's mappings are in ``ProblemCatalog``.
public protocol ProblemConvertible: Error {
    /// The problem to answer with.
    var problem: Problem { get }
}
