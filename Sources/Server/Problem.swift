public import AttestationCore
import Foundation

/// An RFC 9457 problem detail: what the API returns for every error, as `application/problem+json`.
///
/// `type` is a stable URN (`urn:assay:problem:<name>`) clients can switch on; `detail` is for people.
public struct Problem: Error, Sendable, CustomStringConvertible {
    /// HTTP status.
    public let status: Int
    /// Stable short name; the `type` member is `urn:assay:problem:` + name.
    public let name: String
    /// A short, fixed summary of the problem type.
    public let title: String
    /// This occurrence, explained with cause and fix.
    public let detail: String
    /// Extra members (e.g. `failures`).
    public let extensions: [String: JSONValue]

    public init(status: Int, name: String, title: String, detail: String, extensions: [String: JSONValue] = [:]) {
        self.status = status
        self.name = name
        self.title = title
        self.detail = detail
        self.extensions = extensions
    }

    /// The `type` URI.
    public var type: String { "urn:assay:problem:\(name)" }

    public var description: String { "\(status) \(name): \(detail)" }

    /// The JSON body.
    public var json: JSONValue {
        var members = extensions
        members["type"] = .string(type)
        members["title"] = .string(title)
        members["status"] = .integer(Int64(status))
        members["detail"] = .string(detail)
        return .object(members)
    }

    static func invalidRequest(_ detail: String) -> Problem {
        Problem(status: 400, name: "invalid-request", title: "The request is malformed", detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, name: "not-found", title: "No such resource", detail: detail)
    }

    static func payloadTooLarge(limit: Int) -> Problem {
        Problem(
            status: 413, name: "payload-too-large", title: "The request body is too large",
            detail: "the body exceeds the limit of \(limit) bytes (max_body_bytes)")
    }

    static let unauthorized = Problem(
        status: 401, name: "unauthorized", title: "Admin authentication required",
        detail: "send 'Authorization: Bearer <admin token>' (the token configured with --admin-token-file or ASSAY_ADMIN_TOKEN)")

    static let adminDisabled = Problem(
        status: 401, name: "admin-disabled", title: "The admin API is disabled",
        detail: "start assay serve with --admin-token-file FILE or ASSAY_ADMIN_TOKEN to enable the admin API")

    static let internalError = Problem(
        status: 500, name: "internal", title: "Internal server error",
        detail: "the server could not complete the request; the server log has the cause")
}
