/// One check that failed: its stable name, what was expected and what was observed.
public struct CheckFailure: Sendable, Hashable, CustomStringConvertible {
    /// A stable, snake_case check name (`report_signature`, `vcek_hwid_matches_chip_id`, …).
    public let check: String
    /// What the check required.
    public let expected: String
    /// What the evidence showed.
    public let observed: String

    public init(check: String, expected: String, observed: String) {
        self.check = check
        self.expected = expected
        self.observed = observed
    }

    public var description: String { "\(check): expected \(expected), observed \(observed)" }

    /// The failure as a JSON object `{"check","expected","observed"}`.
    public var json: JSONValue {
        .object(["check": .string(check), "expected": .string(expected), "observed": .string(observed)])
    }
}

/// The outcome of verifying evidence: the claims it carries and every check, with every failure listed.
///
/// A verdict is returned for evidence that could be evaluated, even when it is rejected; input that cannot be
/// evaluated at all (malformed, missing collateral) throws instead.
public struct Verdict: Sendable {
    /// The TEE whose verifier produced this verdict.
    public let tee: TEEKind
    /// The claims extracted from the evidence (ARCHITECTURE.md §4); always includes `tee` and `report_data`.
    public var claims: Claims
    /// Names of the checks that passed, in the order they ran.
    public private(set) var passedChecks: [String] = []
    /// Every check that failed, in the order they ran.
    public private(set) var failures: [CheckFailure] = []
    /// Observations that are neither pass nor fail (e.g. trailing bytes after a quote).
    public var notes: [String] = []

    public init(tee: TEEKind, claims: Claims = [:]) {
        self.tee = tee
        self.claims = claims
    }

    /// Whether the evidence passed every check.
    public var isValid: Bool { failures.isEmpty }

    /// Records a check; `expected` and `observed` are only rendered when it fails.
    public mutating func check(
        _ name: some CheckName,
        _ passed: Bool,
        expected: @autoclosure () -> String,
        observed: @autoclosure () -> String
    ) {
        if passed {
            passedChecks.append(name.rawValue)
        } else {
            failures.append(CheckFailure(check: name.rawValue, expected: expected(), observed: observed()))
        }
    }

    /// Records a failed check.
    public mutating func fail(_ name: some CheckName, expected: String, observed: String) {
        failures.append(CheckFailure(check: name.rawValue, expected: expected, observed: observed))
    }

    /// Adds the checks, notes and claims of `part` (its claims win), e.g. a part of the verification that a
    /// verifier computed once and reuses for every evidence of the same platform.
    public mutating func append(_ part: Verdict) {
        passedChecks += part.passedChecks
        failures += part.failures
        notes += part.notes
        claims.merge(part.claims) { _, new in new }
    }

    /// This verdict with every check renamed `prefix` + name (`devices[2].report_signature`), for a part of a larger
    /// piece of evidence; claims and notes unchanged.
    public func prefixingChecks(_ prefix: String) -> Verdict {
        var prefixed = Verdict(tee: tee, claims: claims)
        prefixed.passedChecks = passedChecks.map { prefix + $0 }
        prefixed.failures = failures.map { CheckFailure(check: prefix + $0.check, expected: $0.expected, observed: $0.observed) }
        prefixed.notes = notes
        return prefixed
    }

    /// The part of this verdict whose checks are named `prefix` + name, with the prefix removed and `claims` as its
    /// claims (the inverse of ``prefixingChecks(_:)``); the notes are kept whole.
    public func part(prefixed prefix: String, claims: Claims) -> Verdict {
        var part = Verdict(tee: tee, claims: claims)
        part.passedChecks = passedChecks.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        part.failures = failures.filter { $0.check.hasPrefix(prefix) }.map {
            CheckFailure(check: String($0.check.dropFirst(prefix.count)), expected: $0.expected, observed: $0.observed)
        }
        part.notes = notes
        return part
    }

    /// Records the binding check (`report_data_binding`) when the context expects particular report data.
    public mutating func checkReportData(
        _ observed: some Collection<UInt8>,
        binding: ReportDataBinding,
        context: VerificationContext
    ) {
        guard let expectation = context.expectedReportData else { return }
        let observed = Array(observed)
        let expected = expectation.bytes(for: binding, length: observed.count)
        check(
            CoreCheck.reportDataBinding,
            expected == observed,
            expected: Hex.encode(expected),
            observed: Hex.encode(observed)
        )
    }
}
