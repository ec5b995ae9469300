public import AttestationCore
import Crypto
import Foundation
import Rego

/// An appraisal policy written in Rego: the policy computes the AR4SI trust vector and the reasons.
///
/// The policy's package is `assay.appraisal`; Assay evaluates `data.assay.appraisal.trust_vector` (an object
/// from component name to AR4SI claim value) and `data.assay.appraisal.reasons` (an array or set of
/// `{"component","check","expected","observed"}`) with the input described in the shipped default policy
/// (`default-appraisal.rego`). `time.now_ns()` is the appraisal instant, so results are reproducible.
public struct RegoAppraisalPolicy: AppraisalPolicy {
    /// The rule holding the trust vector.
    public static let trustVectorDocument = "data.assay.appraisal.trust_vector"
    /// The rule holding the reasons.
    public static let reasonsDocument = "data.assay.appraisal.reasons"
    /// Id of the policy Assay ships.
    public static let defaultID = "assay-default-v1"

    public let id: String
    /// SHA-256 (hex) of the policy source bytes, and of the data document when one is given.
    public let digest: String
    /// The Rego source.
    public let source: String
    /// The queries, bound to the data document: rules that do not read the input (the built-in profiles, say) are
    /// computed once for every appraisal.
    let trustVector: BoundQuery
    /// Both documents in one evaluation, so the rules they share are evaluated once.
    let both: BoundQuery

    /// Compiles `source`; `data` becomes the policy's `data` document (e.g. `{"profiles": {...}}`).
    public init(id: String, source: String, data: JSONValue? = nil) throws(AppraisalError) {
        let policy: Policy
        do {
            policy = try Policy(modules: [RegoModule(fileName: id, source: source)])
        } catch {
            throw .invalidPolicy(id: id, error)
        }
        if let data, data.objectValue == nil {
            throw .invalidPolicyData(reason: "the data document must be a JSON object, not \(data.compactText.prefix(40))")
        }
        let document = data.map(Rego.Value.init) ?? .emptyObject
        do {
            trustVector = try policy.prepare(document: Self.trustVectorDocument).binding(data: document)
            both = try policy.prepare(
                query: "vector := \(Self.trustVectorDocument); reasons := \(Self.reasonsDocument)"
            ).binding(data: document)
        } catch {
            throw .invalidPolicy(id: id, error)
        }
        self.id = id
        self.source = source
        var hash = SHA256()
        hash.update(data: Array(source.utf8))
        if let data { hash.update(data: Array(("\n" + data.compactText).utf8)) }
        digest = Hex.encode(hash.finalize())
    }

    /// The policy Assay ships (`default-appraisal.rego`), with an optional data document.
    public static func standard(data: JSONValue? = nil) throws(AppraisalError) -> RegoAppraisalPolicy {
        try RegoAppraisalPolicy(id: defaultID, source: DefaultAppraisalSource.text, data: data)
    }

    public func appraise(_ input: AppraisalInput) throws -> AppraisalResult {
        var environment = EvaluationEnvironment()
        environment.clock = Rego.FixedEvaluationClock(input.instant)
        let document = Rego.Value(input.json)
        var vector: Rego.Value?
        var explanation: Rego.Value?
        do {
            if let solution = try both.evaluate(input: document, environment: environment).solutions.first {
                vector = solution["vector"]
                explanation = solution["reasons"]
            } else {
                vector = try trustVector.value(input: document, environment: environment)
            }
        } catch {
            throw AppraisalError.policyEvaluation(id: id, error)
        }
        return AppraisalResult(
            vector: try trustworthinessVector(vector), reasons: try appraisalReasons(explanation), policyID: id,
            policyDigest: digest)
    }

    func trustworthinessVector(_ value: Rego.Value?) throws(AppraisalError) -> TrustworthinessVector {
        guard let value else {
            throw .invalidPolicyOutput(id: id, reason: "\(Self.trustVectorDocument) is undefined for this input")
        }
        guard let object = value.objectValue else {
            throw .invalidPolicyOutput(id: id, reason: "\(Self.trustVectorDocument) must be an object, not \(value.typeName)")
        }
        var vector = TrustworthinessVector()
        for (key, claim) in object.pairs {
            guard let name = key.stringValue, let component = TrustComponent(rawValue: name) else {
                let known = TrustComponent.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidPolicyOutput(id: id, reason: "unknown trust vector component \(key.jsonText) (known: \(known))")
            }
            guard let raw = claim.intValue, let claimValue = Int8(exactly: raw) else {
                throw .invalidPolicyOutput(
                    id: id, reason: "trust vector \(name) must be an integer AR4SI claim in -128...127, not \(claim.jsonText)")
            }
            vector[component] = TrustClaim(rawValue: claimValue)
        }
        return vector
    }

    func appraisalReasons(_ value: Rego.Value?) throws(AppraisalError) -> [AppraisalReason] {
        guard let value else { return [] }
        let elements: [Rego.Value]
        switch value {
        case .array(let array): elements = array
        case .set(let set): elements = set.elements
        default:
            throw .invalidPolicyOutput(id: id, reason: "\(Self.reasonsDocument) must be an array or set, not \(value.typeName)")
        }
        return try elements.map { (element: Rego.Value) throws(AppraisalError) -> AppraisalReason in
            guard let object = element.objectValue,
                let name = object["component"]?.stringValue, let component = TrustComponent(rawValue: name)
            else {
                throw .invalidPolicyOutput(
                    id: id, reason: "a reason must be an object with a known \"component\", not \(element.jsonText.prefix(80))")
            }
            func text(_ key: String) -> String {
                guard let member = object[key] else { return "" }
                return member.stringValue ?? member.jsonText
            }
            return AppraisalReason(component: component, check: text("check"), expected: text("expected"), observed: text("observed"))
        }
    }
}
