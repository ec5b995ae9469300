import AttestationCore

/// A problem with the command line or the files it names (exit status 2).
enum CLIError: Error, CustomStringConvertible {
    case unreadable(path: String, what: String, reason: String)
    case tooLarge(path: String, what: String, size: Int, limit: Int)
    case unwritable(path: String, reason: String)
    case invalidArgument(String)

    var description: String {
        switch self {
        case .unreadable(let path, let what, let reason):
            return "cannot read \(what) \(path): \(reason)"
        case .tooLarge(let path, let what, let size, let limit):
            return "\(what) \(path) is \(size) bytes, above the limit of \(limit) bytes"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .invalidArgument(let reason):
            return reason
        }
    }
}
