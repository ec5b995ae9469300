public import AttestationCore
public import Hummingbird
import NIOCore

/// Reading request bodies within the configured bound and writing JSON responses.
public enum HTTPBody {
    /// Collects the body, refusing with 413 before reading when Content-Length is too large, and while reading
    /// when a chunked body grows past the limit.
    public static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
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

    /// Parses a JSON body.
    public static func json(_ bytes: [UInt8]) throws -> JSONValue {
        do { return try JSONValue(parsing: bytes) } catch {
            throw Problem.invalidRequest("the body is not valid JSON: \(error)")
        }
    }

    /// A required base64 member of a JSON body, decoded; `limit` bounds the decoded bytes (checked on the text's
    /// length before decoding).
    public static func base64(_ value: JSONValue?, name: String, limit: Int = Int.max) throws -> [UInt8] {
        guard let text = value?.stringValue else { throw Problem.invalidRequest("\"\(name)\" is required (base64)") }
        guard text.utf8.count / 4 <= limit / 3 + 1 else {
            throw Problem.invalidRequest("\"\(name)\" is longer than the base64 of \(limit) bytes")
        }
        let bytes: [UInt8]
        do { bytes = try Base64.decode(text) } catch {
            throw Problem.invalidRequest("\"\(name)\" is not valid base64: \(error)")
        }
        guard bytes.count <= limit else {
            throw Problem.invalidRequest("\"\(name)\" holds \(bytes.count) bytes; at most \(limit) are accepted")
        }
        return bytes
    }

    /// A JSON response.
    public static func response(_ json: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json")
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.compactBytes)))
    }
}
