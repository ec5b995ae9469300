/// Why a benchmark suite cannot run: a vector it reads is missing, or a case did not produce the outcome it
/// measures (a rate of failures would mean nothing).
public enum BenchmarkError: Error, Sendable, CustomStringConvertible {
    /// A shared vector file is not where `ASSAY_VECTORS` says.
    case missingVector(path: String)
    /// A case's operation did not give the result the suite measures.
    case unexpectedResult(String)

    public var description: String {
        switch self {
        case .missingVector(let path):
            "cannot read benchmark vector \(path); set ASSAY_VECTORS to the shared vectors"
        case .unexpectedResult(let reason): "benchmark case gave an unexpected result: \(reason)"
        }
    }
}
