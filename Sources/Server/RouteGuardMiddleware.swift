import Hummingbird
import Synchronization

/// Answers requests no route takes: a path with an empty segment (`/v1/policies/`, `//`) is not found; a path that
/// exists with another method gets 405 with `Allow` naming the methods it has.
struct RouteGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routes, loaded once the router holds them all (middleware comes before the routes it wraps).
    final class Table: Sendable {
        /// Path patterns (segments, `:name` or `{name}` matching one segment, `**` the rest) and their methods.
        let routes = Mutex<[(segments: [Substring], methods: [String])]>([])

        func load(_ routes: [(path: String, method: String)]) {
            var byPath: [String: [String]] = [:]
            for route in routes { byPath[route.path, default: []].append(route.method) }
            let table = byPath.sorted { $0.key < $1.key }.map { ($0.key.split(separator: "/"), $0.value.sorted()) }
            self.routes.withLock { $0 = table }
        }

        func methods(for segments: [Substring]) -> [String] {
            routes.withLock { routes in routes.filter { RouteGuardMiddleware.matches($0.segments, segments) }.flatMap(\.methods) }
        }
    }

    let table: Table

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        if path != "/", path.hasSuffix("/") || path.contains("//") {
            throw Problem(.notFound, "no route \(AuditEntry.cut(path, 256)) (empty path segment); see /openapi.json")
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = path.split(separator: "/")
            let allowed = table.methods(for: segments)
            guard !allowed.isEmpty else { throw error }
            var response = Problem(
                .methodNotAllowed,
                "\(AuditEntry.cut(request.method.rawValue, 16)) is not allowed on \(AuditEntry.cut(path, 256)); allowed: \(allowed.joined(separator: ", "))"
            ).response
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }

    static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        for (index, part) in pattern.enumerated() {
            if part == "**" { return segments.count > index }
            guard index < segments.count else { return false }
            if !part.hasPrefix(":"), !part.hasPrefix("{"), part != segments[index] { return false }
        }
        return pattern.count == segments.count
    }
}
