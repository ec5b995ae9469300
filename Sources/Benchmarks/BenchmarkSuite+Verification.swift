import AttestationCore

extension BenchmarkSuite {
    /// Verifies `evidence` and throws unless it is valid: a benchmark that times a rejection measures nothing.
    static func expectValid(
        _ verifier: some EvidenceVerifier, _ evidence: Evidence, _ context: VerificationContext
    ) async throws {
        let verdict = try await verifier.verify(evidence, context: context)
        guard verdict.isValid else {
            throw BenchmarkError.unexpectedResult(
                "benchmark \(evidence.tee) evidence rejected: \(verdict.failures.map(\.description).joined(separator: "; "))")
        }
    }

    /// A baseline case of raw signature checks (`verify` returns whether they held): what the TEE's verification is
    /// compared with.
    static func signatureBaseline(_ name: String, _ verify: @escaping () -> Bool) -> Case {
        Case(name: name) {
            guard verify() else { throw BenchmarkError.unexpectedResult("baseline signature failed") }
        }
    }
}
