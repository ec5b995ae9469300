import AttestationCore
import Hummingbird

/// Answers requests no route takes, by the API's own contract (the OpenAPI document): a path with an empty segment
/// (`/v1/policies/`, `//`) is not found; a path the document declares for other methods gets 405 with `Allow`
/// naming the methods of the most specific template it matches.
struct RouteGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The document's path templates (segments; `{name}` matches one or more segments) and their methods.
    let templates: [(segments: [Substring], methods: [String])]

    /// The templates of an OpenAPI document's `paths`.
    init(openAPIDocument: JSONValue) {
        let paths = openAPIDocument["paths"]?.objectValue ?? [:]
        templates = paths.keys.sorted().map { path in
            let methods = (paths[path]?.objectValue ?? [:]).keys.filter { $0 != "parameters" }.map { $0.uppercased() }.sorted()
            return (path.split(separator: "/"), methods)
        }
    }

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
            guard let allowed = allowedMethods(for: path), !allowed.contains(request.method.rawValue) else { throw error }
            throw Self.methodNotAllowed(request.method.rawValue, path: path, allowed: allowed)
        }
    }

    /// The methods of the most specific templates `path` matches (most literal segments), or nil when it matches none.
    func allowedMethods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        let matching = templates.filter { Self.matches($0.segments[...], segments[...]) }
        guard let specific = matching.map({ Self.literals($0.segments) }).max() else { return nil }
        return Array(Set(matching.filter { Self.literals($0.segments) == specific }.flatMap(\.methods))).sorted()
    }

    /// The 405 answer.
    static func methodNotAllowed(_ method: String, path: String, allowed: [String]) -> Problem {
        Problem(
            .methodNotAllowed,
            "\(AuditEntry.cut(method, 16)) is not allowed on \(AuditEntry.cut(path, 256)); allowed: \(allowed.joined(separator: ", "))",
            headers: ["Allow": allowed.joined(separator: ", ")])
    }

    static func literals(_ template: [Substring]) -> Int {
        template.filter { !$0.hasPrefix("{") }.count
    }

    /// Whether `segments` matches `template`; a `{name}` segment takes one or more segments.
    static func matches(_ template: ArraySlice<Substring>, _ segments: ArraySlice<Substring>) -> Bool {
        guard let first = template.first else { return segments.isEmpty }
        guard !segments.isEmpty else { return false }
        guard first.hasPrefix("{") else {
            return first == segments.first && matches(template.dropFirst(), segments.dropFirst())
        }
        for taken in 1...segments.count where matches(template.dropFirst(), segments.dropFirst(taken)) { return true }
        return false
    }
}
