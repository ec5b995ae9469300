import AttestationCore
import Hummingbird
import NIOCore

/// Reading request bodies within the configured bound and writing JSON responses.
enum HTTPBody {
    /// Collects the body, refusing with 413 before reading when Content-Length is too large, and while reading
    /// when a chunked body grows past the limit.
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem.payloadTooLarge(limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer: buffer)
        } catch is NIOTooManyBytesError {
            throw Problem.payloadTooLarge(limit: limit)
        }
    }

    /// Collects and parses a JSON body.
    static func json(_ request: Request, limit: Int) async throws -> JSONValue {
        let bytes = try await collect(request, limit: limit)
        do { return try JSONValue(parsing: bytes) } catch {
            throw Problem.invalidRequest("the body is not valid JSON: \(error)")
        }
    }

    /// A JSON response.
    static func response(_ json: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json")
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.compactBytes)))
    }

    /// The problem+json response for a problem.
    static func response(_ problem: Problem) -> Response {
        response(problem.json, status: HTTPResponse.Status(code: problem.status), contentType: "application/problem+json")
    }
}
