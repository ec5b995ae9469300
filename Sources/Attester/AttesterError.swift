/// Why evidence could not be collected inside the TEE.
public enum AttesterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No evidence interface is available (not running in a TEE, or the kernel lacks the driver).
    case interfaceUnavailable(String)
    /// The interface failed; `path` is the file or device involved.
    case interfaceFailed(path: String, reason: String)
    /// The kernel reports a different TSM provider than the TEE asked for.
    case wrongProvider(expected: String, actual: String)
    /// Another process changed the report between our write and our read.
    case concurrentUpdate(path: String)
    /// The report data is longer than the interface accepts.
    case reportDataTooLong(Int, limit: Int)
    /// A value is longer than the interface accepts.
    case valueTooLong(field: String, count: Int, limit: Int)
    /// The Nitro Secure Module answered a request with one of its error codes.
    case nsmError(code: String)
    /// The interface answered something that is not the response the request calls for.
    case malformedResponse(path: String, reason: String)
    /// The Assay service answered with an RFC 9457 problem.
    case service(status: Int, type: String, detail: String)
    /// The Assay service could not be reached or answered something unreadable.
    case transport(url: String, reason: String)

    public var description: String {
        switch self {
        case .interfaceUnavailable(let reason): return "no attestation interface: \(reason)"
        case .interfaceFailed(let path, let reason): return "\(path): \(reason)"
        case .wrongProvider(let expected, let actual):
            return "the TSM provider is \(actual), not \(expected); check --tee"
        case .concurrentUpdate(let path):
            return "\(path) was changed by another process while reading the report; retry"
        case .reportDataTooLong(let count, let limit): return "report data is \(count) bytes; at most \(limit) are accepted"
        case .valueTooLong(let field, let count, let limit): return "\(field) is \(count) bytes; at most \(limit) are accepted"
        case .nsmError(let code): return "the Nitro Secure Module refused the attestation request with \(code): \(Self.nsmHint(code))"
        case .malformedResponse(let path, let reason):
            return "\(path) answered an unreadable response (\(reason)); check that it is the Nitro Secure Module"
        case .service(let status, let type, let detail): return "the service answered \(status) (\(type)): \(detail)"
        case .transport(let url, let reason): return "cannot talk to \(url): \(reason)"
        }
    }

    /// What to do about a Nitro Secure Module error code (nsm-api's `ErrorCode`).
    static func nsmHint(_ code: String) -> String {
        switch code {
        case "InvalidArgument": return "a user_data, nonce or public_key it does not accept (at most 512, 512 and 1024 bytes)"
        case "InputTooLarge": return "the request is larger than the module accepts; shorten the runtime data's nonce or key"
        case "BufferTooSmall": return "the document did not fit the response buffer; report this as a bug"
        case "InvalidOperation": return "this module does not support attestation requests; update the enclave's NSM"
        case "InternalError": return "the module failed internally; retry, and restart the enclave if it persists"
        default: return "an error code Assay does not know; see the AWS Nitro Enclaves NSM API documentation"
        }
    }
}
