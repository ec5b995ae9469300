import AttestationCore
import Crypto
import Hummingbird

/// Guards the admin API with the configured bearer token, compared in constant time, and names the admin for the
/// audit record of each change.
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = AssayRequestContext
    /// SHA-256 of the admin token; nil when the admin API is disabled.
    let expectedDigest: [UInt8]?

    init(token: String?) {
        expectedDigest = token.map { Array(SHA256.hash(data: Array($0.utf8))) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let expectedDigest else { throw Problem.adminDisabled }
        guard let header = request.headers[.authorization], header.utf8.count <= 4096,
            header.lowercased().hasPrefix("bearer ")
        else {
            throw Problem.unauthorized
        }
        let presented = Array(SHA256.hash(data: Array(header.dropFirst("bearer ".count).utf8)))
        guard ConstantTime.equal(presented, expectedDigest) else { throw Problem.unauthorized }
        var context = context
        context.admin = AdminActor(
            client: context.clientAddress, principal: "admin:" + Hex.encode(presented.prefix(8)))
        return try await next(request, context)
    }
}
