import Hummingbird
import Logging

/// Turns every error into `application/problem+json`: ``Problem``s as they are, Hummingbird's own HTTP errors
/// (404 for unknown routes, 405) into problems, anything else into a 500 that does not leak internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return HTTPBody.response(problem)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            return HTTPBody.response(
                Problem(
                    status: status, name: status == 404 ? "not-found" : "http-\(status)",
                    title: error.status.reasonPhrase,
                    detail: status == 404
                        ? "no route \(request.method) \(request.uri.path); see /openapi.json" : (error.body ?? error.status.reasonPhrase)))
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return HTTPBody.response(Problem.internalError)
        }
    }
}
