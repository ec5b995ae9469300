import Appraisal
import ArgumentParser
import AttestationCore

/// `--policy` and `--policy-data`: which Rego appraisal policy turns claims into a trust vector.
struct AppraisalPolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "A Rego appraisal policy (package assay.appraisal, defining trust_vector and reasons). Default: the "
                + "built-in policy; print it with 'assay policy show-default'.",
            valueName: "file"))
    var policy: String?

    @Option(
        name: .customLong("policy-data"),
        help: ArgumentHelp(
            "A JSON object given to the policy as its data document (e.g. {\"profiles\": {\"snp\": {...}}} to tune "
                + "the built-in policy).",
            valueName: "file"))
    var policyData: String?

    /// The largest policy or data file read.
    static let maxBytes = 4 * 1024 * 1024

    /// The policy to appraise with; its id is the file name.
    func load() throws -> RegoAppraisalPolicy {
        let data = try policyData.map {
            try JSONValue(parsing: try InputFiles.read($0, what: "policy data", limit: Self.maxBytes))
        }
        guard let policy else { return try RegoAppraisalPolicy.standard(data: data) }
        let bytes = try InputFiles.read(policy, what: "appraisal policy", limit: Self.maxBytes)
        guard let source = String(validating: bytes, as: UTF8.self) else {
            throw CLIError.invalidArgument("the appraisal policy \(policy) is not UTF-8 text")
        }
        return try RegoAppraisalPolicy(id: policy.split(separator: "/").last.map(String.init) ?? policy, source: source, data: data)
    }
}
