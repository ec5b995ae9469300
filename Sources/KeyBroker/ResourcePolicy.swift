public import AttestationCore
import Appraisal
import Crypto
public import Foundation
import Rego

/// A resource policy in Rego, attached to a secret path prefix: it decides whether an attested workload may have
/// a secret released.
///
/// The policy's package is `assay.release`. Release needs `data.assay.release.allow` to be `true`; undefined is a
/// refusal (default deny). An optional `data.assay.release.reasons` (a set or array of strings) explains a
/// refusal. The input is described by ``ReleaseInput``; `time.now_ns()` is the instant of the request.
public struct ResourcePolicy: Sendable {
    /// The rule that must be true.
    public static let allowDocument = "data.assay.release.allow"
    /// The rule that explains a refusal.
    public static let reasonsDocument = "data.assay.release.reasons"
    /// The policy's package document.
    static let packageDocument = "data.assay.release"

    /// The path prefix the policy is attached to.
    public let prefix: String
    /// SHA-256 (hex) of the source.
    public let digest: String
    let allow: PreparedQuery
    let reasons: PreparedQuery

    /// Compiles `source` and checks that it declares `package assay.release`.
    public init(prefix: String, source: String) throws(KeyBrokerError) {
        let policy: Policy
        do {
            policy = try Policy(modules: [RegoModule(fileName: "resource-policy:\(prefix)", source: source)])
            allow = try policy.prepare(document: Self.allowDocument)
            reasons = try policy.prepare(document: Self.reasonsDocument)
        } catch {
            throw .invalidPolicy(prefix: prefix, reason: "\(error)")
        }
        let package: Rego.Value?
        do { package = try policy.evaluate(document: Self.packageDocument, input: .emptyObject) } catch {
            throw .invalidPolicy(prefix: prefix, reason: "it fails when evaluated without input: \(error)")
        }
        guard package != nil else {
            throw .invalidPolicy(
                prefix: prefix, reason: "it must declare 'package assay.release' with an 'allow' rule (default deny)")
        }
        self.prefix = prefix
        digest = Hex.encode(SHA256.hash(data: Array(source.utf8)))
    }

    /// Evaluates the policy for one release request.
    public func decide(_ input: JSONValue, at instant: Date) throws(KeyBrokerError) -> ReleaseDecision {
        var environment = EvaluationEnvironment()
        environment.clock = Rego.FixedEvaluationClock(instant)
        let document = Rego.Value(input)
        let verdict: Rego.Value?
        do { verdict = try allow.value(input: document, environment: environment) } catch {
            throw .policyFailed(prefix: prefix, reason: "\(error)")
        }
        switch verdict {
        case .bool(true)?:
            return ReleaseDecision(allowed: true, prefix: prefix, policyDigest: digest, reasons: [])
        case .bool(false)?, nil:
            return ReleaseDecision(
                allowed: false, prefix: prefix, policyDigest: digest, reasons: try explanation(document, environment))
        case let other?:
            throw .policyFailed(prefix: prefix, reason: "\(Self.allowDocument) must be a boolean, not \(other.typeName)")
        }
    }

    func explanation(_ input: Rego.Value, _ environment: EvaluationEnvironment) throws(KeyBrokerError) -> [String] {
        let value: Rego.Value?
        do { value = try reasons.value(input: input, environment: environment) } catch {
            throw .policyFailed(prefix: prefix, reason: "\(error)")
        }
        let elements: [Rego.Value]
        switch value {
        case nil: return []
        case .array(let array)?: elements = array
        case .set(let set)?: elements = set.elements
        case let other?:
            throw .policyFailed(prefix: prefix, reason: "\(Self.reasonsDocument) must be a set or array, not \(other.typeName)")
        }
        return elements.prefix(ReleaseDecision.maxReasons).map { $0.stringValue ?? $0.jsonText }
    }
}
