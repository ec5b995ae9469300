import AttestationCore
import Attestation

/// The text rendering of `assay verify`.
enum OutcomeText {
    static func render(_ outcome: AttestationOutcome) -> String {
        let verdict = outcome.verdict
        let appraisal = outcome.appraisal
        var lines: [String] = []
        lines.append("TEE:        \(verdict.tee)")
        lines.append(
            "Evidence:   \(verdict.isValid ? "valid" : "REJECTED") (\(verdict.passedChecks.count) checks passed, \(verdict.failures.count) failed)"
        )
        if !verdict.failures.isEmpty {
            lines.append("Failures:")
            for failure in verdict.failures {
                lines += finding(failure.check, expected: failure.expected, observed: failure.observed)
            }
        }
        for note in verdict.notes { lines.append("Note:       \(note)") }
        lines.append("Status:     \(appraisal.status.rawValue)  (policy \(appraisal.policyID), sha256 \(appraisal.policyDigest))")
        lines.append("Trust vector:")
        for component in TrustComponent.allCases {
            guard let claim = appraisal.vector[component] else { continue }
            let name = component.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            lines.append("  \(name)\(claim)")
        }
        if !appraisal.reasons.isEmpty {
            lines.append("Reasons:")
            for reason in appraisal.reasons {
                lines += finding("\(reason.component.rawValue): \(reason.check)", expected: reason.expected, observed: reason.observed)
            }
        }
        lines.append("Claims:")
        lines.append(contentsOf: JSONValue.object(verdict.claims).prettyText.split(separator: "\n").map { "  " + $0 })
        for part in outcome.parts {
            let verdict = part.verdict
            lines.append(
                "Part \(part.name): \(verdict.isValid ? "valid" : "REJECTED") (\(verdict.passedChecks.count) checks passed, "
                    + "\(verdict.failures.count) failed), status \(part.appraisal.status.rawValue)")
            for failure in verdict.failures {
                lines += finding(failure.check, expected: failure.expected, observed: failure.observed)
            }
            for reason in part.appraisal.reasons {
                lines += finding("\(reason.component.rawValue): \(reason.check)", expected: reason.expected, observed: reason.observed)
            }
        }
        if !outcome.parts.isEmpty { lines.append("Overall:    \(outcome.status.rawValue) (the worst of all parts)") }
        if let token = outcome.token {
            lines.append("Token:")
            lines.append("  \(token)")
        }
        return lines.joined(separator: "\n")
    }

    /// A failed check or a reason: what was checked, then what was expected and what was observed.
    static func finding(_ what: String, expected: String, observed: String) -> [String] {
        ["  \(what)", "    expected: \(expected)", "    observed: \(observed)"]
    }
}
