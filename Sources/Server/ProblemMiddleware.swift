import Hummingbird
import Logging

/// Turns every error into `application/problem+json`: ``Problem``s as they are, domain errors through the
/// ``ProblemCatalog``, Hummingbird's own HTTP errors (404 for unknown routes) into problems, anything else into a
/// 500 that does not leak internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as any ProblemConvertible {
            return error.problem.response
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let type = ProblemType(
                name: status == 404 ? ProblemType.notFound.name : "http-\(status)", status: status,
                title: error.status.reasonPhrase)
            return Problem(
                type,
                status == 404 ? "no route \(request.method) \(AuditEntry.cut(request.uri.path, 256)); see /openapi.json"
                    : (error.body ?? error.status.reasonPhrase)
            ).response
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path.prefix(256))", "error": "\(error)"])
            return Problem.internalError.response
        }
    }
}
