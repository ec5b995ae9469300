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
        case .service(let status, let type, let detail): return "the service answered \(status) (\(type)): \(detail)"
        case .transport(let url, let reason): return "cannot talk to \(url): \(reason)"
        }
    }
}
