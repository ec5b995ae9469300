/// The name of a check a verifier runs, as verdicts, tokens and the CLI show it (`report_signature`). Each TEE
/// module keeps the names of its checks in one catalog type, so a name is written once.
public protocol CheckName: Sendable {
    /// The name as shown.
    var rawValue: String { get }
}

/// The checks every TEE shares.
public struct CoreCheck: CheckName, Hashable {
    public let rawValue: String

    /// Report data equals what the context expects (the binding to runtime data).
    public static let reportDataBinding = CoreCheck(rawValue: "report_data_binding")
}
