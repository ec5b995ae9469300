/// Why an admin request was refused (answered by ``ProblemCatalog``).
enum AdminFailure: Error {
    /// The request is malformed; the reason says how.
    case invalidRequest(String)
    /// No such resource.
    case notFound(String)
    /// The policy does not compile (with OPA's error code when it has one).
    case invalidPolicy(String, code: String?)
}
