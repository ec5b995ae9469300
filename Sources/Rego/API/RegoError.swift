/// Everything that can go wrong while compiling or evaluating Rego, with OPA's error codes.
public enum RegoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source is not valid Rego (`rego_parse_error`).
    case parse(message: String, location: SourceLocation)
    /// A variable cannot be bound in its body (`rego_unsafe_var_error`).
    case unsafeVariable(name: String, location: SourceLocation)
    /// Rules or functions depend on themselves (`rego_recursion_error`).
    case recursion(message: String, location: SourceLocation)
    /// A type or arity error the compiler found (`rego_type_error`).
    case type(message: String, location: SourceLocation)
    /// Any other compile-time error (`rego_compile_error`).
    case compile(message: String, location: SourceLocation)
    /// A complete rule, function or object produced conflicting values (`eval_conflict_error`).
    case conflict(message: String, location: SourceLocation? = nil)
    /// An operand of the wrong type at run time (`eval_type_error`).
    case evalType(message: String, location: SourceLocation? = nil)
    /// A built-in function failed (`eval_builtin_error`).
    case builtin(name: String, message: String, location: SourceLocation? = nil)
    /// A configured bound was reached (`eval_limit_error`): `limit` names the `Limits` field and `bound` its value
    /// (milliseconds for `maxEvaluationDuration`), or `limit` is `deadline` (the environment's) and `bound` how many
    /// milliseconds the evaluation had run.
    case limitExceeded(limit: String, bound: Int, location: SourceLocation? = nil)
    /// The Swift task evaluating the query was cancelled (`eval_cancel_error`).
    case cancelled(location: SourceLocation? = nil)
    /// Input or data could not be read (`invalid_input`).
    case invalidInput(message: String)

    /// OPA's error code for this error.
    public var code: String {
        switch self {
        case .parse: "rego_parse_error"
        case .unsafeVariable: "rego_unsafe_var_error"
        case .recursion: "rego_recursion_error"
        case .type: "rego_type_error"
        case .compile: "rego_compile_error"
        case .conflict: "eval_conflict_error"
        case .evalType: "eval_type_error"
        case .builtin: "eval_builtin_error"
        case .limitExceeded: "eval_limit_error"
        case .cancelled: "eval_cancel_error"
        case .invalidInput: "invalid_input"
        }
    }

    /// Where the error was found, when known.
    public var location: SourceLocation? {
        switch self {
        case .parse(_, let l), .unsafeVariable(_, let l), .recursion(_, let l), .type(_, let l),
            .compile(_, let l):
            l
        case .conflict(_, let l), .evalType(_, let l), .builtin(_, _, let l), .limitExceeded(_, _, let l),
            .cancelled(let l):
            l
        case .invalidInput:
            nil
        }
    }

    /// The message without code or location.
    public var message: String {
        switch self {
        case .parse(let m, _), .recursion(let m, _), .type(let m, _), .compile(let m, _),
            .conflict(let m, _), .evalType(let m, _), .invalidInput(let m):
            m
        case .unsafeVariable(let name, _):
            "var \(name) is unsafe"
        case .builtin(let name, let m, _):
            "\(name): \(m)"
        case .limitExceeded(let limit, let bound, _):
            RegoError.limitMessage(limit, bound)
        case .cancelled:
            "evaluation cancelled: the task evaluating the query was cancelled (for example at its request's deadline)"
        }
    }

    /// What a bound is, its value and how to get under it.
    private static func limitMessage(_ limit: String, _ bound: Int) -> String {
        switch limit {
        case "deadline":
            "the caller's deadline (EvaluationEnvironment.deadline) passed \(bound) ms into the evaluation; "
                + "simplify the policy or input, or allow the evaluation more time"
        case "maxEvaluationDuration":
            "maxEvaluationDuration exceeded the bound of \(bound) ms; simplify the policy or input, or raise "
                + "Limits.maxEvaluationDuration"
        case "maxAllocationBytes":
            "maxAllocationBytes exceeded the bound of \(bound) bytes built in one evaluation; simplify the policy or "
                + "input, or raise Limits.maxAllocationBytes"
        default:
            "\(limit) exceeded the bound of \(bound); simplify the policy or input, or raise Limits.\(limit)"
        }
    }

    public var description: String {
        if let location { return "\(location): \(code): \(message)" }
        return "\(code): \(message)"
    }

    /// The same error with a location attached, if it had none.
    func located(at location: SourceLocation?) -> RegoError {
        guard self.location == nil, let location else { return self }
        switch self {
        case .conflict(let m, _): return .conflict(message: m, location: location)
        case .evalType(let m, _): return .evalType(message: m, location: location)
        case .builtin(let n, let m, _): return .builtin(name: n, message: m, location: location)
        case .limitExceeded(let l, let b, _): return .limitExceeded(limit: l, bound: b, location: location)
        case .cancelled: return .cancelled(location: location)
        default: return self
        }
    }
}
