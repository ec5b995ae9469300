import AssayTestSupport
import AttestationCore
import AzureCVM
import Foundation
import Testing

/// The real Azure confidential-VM vectors of `../shared/vectors`: every one gives its expected verdict as of its
/// `suggested_as_of`, with its fields as claims and its broken checks named; outside its validity window a
/// genuine one is rejected.
@Suite(.sharedVectors) struct AzureVectorTests {
    /// Check of `expected.jsonl` → the verifier's name for it, for every check this verifier emits.
    static let checkMapping: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            "amd_chain_signatures", "amd_root_pinned", "ark_ask_product_matches", "report_generation_matches_cert",
            "report_signature", "signature_algo_is_ecdsa_p384_sha384", "signing_key_matches_cert_kind",
            "vcek_hwid_matches_chip_id", "vcek_is_p384", "vcek_tcb_matches_reported_tcb", "hcl_header_magic_HCLA",
            "hw_report_data_binds_hcl_runtime_data", "vtpm_pcrs_match_quote_digest", "vtpm_quote_magic_type",
            "vtpm_quote_signature_by_hcl_akpub", "td_report_data_equals_quote_report_data",
            "td_report_tdinfo_matches_quote_body", "pck_chain_signatures", "pck_root_pinned",
            "qe_report_data_binds_attestation_key", "qe_report_signature",
        ].map { ($0, $0) }
    ).merging(["td_quote_signature": "quote_signature"]) { $1 }
    /// Checks of `expected.jsonl` that are not verdict checks: facts about the vector file, preconditions of
    /// parsing, or checks of TDX collateral that is not shipped (see ``AzureVectors``).
    static let notEmitted: Set<String> = [
        "validity_window_nonempty", "report_length", "embedded_ask_ark_equal_pinned", "tcb_info_fmspc_matches_pck",
        "tcb_info_issuer_chain_signatures", "tcb_info_issuer_root_pinned", "tcb_info_signature",
    ]

    @Test func everyVectorGivesItsVerdictNamingItsChecksWithItsFieldsAsClaims() async throws {
        let vectors = try AzureVectors.all()
        try #require(vectors.count == 16, "10 genuine and 6 tampered Azure vectors in expected.jsonl")
        #expect(vectors.filter(\.expectedValid).count == 10)
        for vector in vectors {
            let verdict = try await AzureVectors.verify(vector)
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            let failed = Set(verdict.failures.map(\.check))
            var expectedFailures: Set<String> = []
            for (name, value) in vector.checks.objectValue ?? [:] {
                if Self.notEmitted.contains(name) { continue }
                let check = try #require(Self.checkMapping[name], "\(vector.id): unmapped check \(name)")
                let passes = try #require(value.boolValue)
                if !passes { expectedFailures.insert(check) }
                #expect(failed.contains(check) == !passes, "\(vector.id): \(check) should \(passes ? "pass" : "fail"): \(verdict.failures)")
                if passes, !failed.contains(check) { #expect(verdict.passedChecks.contains(check), "\(vector.id): \(check) did not run") }
            }
            #expect(failed == expectedFailures, "\(vector.id): failures \(failed.sorted()), expected \(expectedFailures.sorted())")
            try AzureFieldMapping.expectMatch(vector, claims: verdict.claims)
            #expect(verdict.claims["tee"] == .string(AzureVectors.tee(vector).rawValue))
            #expect(verdict.claims["hcl"]?["verified"] == .bool(!failed.contains { !$0.hasPrefix("vtpm_") }), "\(vector.id)")
        }
    }

    /// A genuine SNP vector is valid at both edges of its window (its VCEK's validity) and rejected a day outside,
    /// naming the certificate. The TDX vectors' window is set by collateral that is not shipped: outside the
    /// validity of their PCK chain they are rejected.
    @Test func outsideItsValidityWindowAGenuineVectorIsRejected() async throws {
        let genuine = try AzureVectors.all().filter(\.expectedValid)
        try #require(genuine.count == 10)
        let day: TimeInterval = 86400
        for vector in genuine {
            let window = try #require(vector.validityWindow, "\(vector.id)")
            if AzureVectors.tee(vector) == .azureSNP {
                for edge in [window.notBefore, window.notAfter] {
                    let verdict = try await AzureVectors.verify(vector, at: edge)
                    #expect(verdict.isValid, "\(vector.id) at \(RFC3339.format(edge)): \(verdict.failures)")
                }
                for outside in [window.notBefore - day, window.notAfter + day] {
                    let verdict = try await AzureVectors.verify(vector, at: outside)
                    #expect(!verdict.isValid && verdict.failures.allSatisfy { $0.check.hasSuffix("_validity") },
                            "\(vector.id) at \(RFC3339.format(outside)): \(verdict.failures)")
                }
            } else {
                for outside in [window.notBefore - 3650 * day, window.notAfter + 3650 * day] {
                    let verdict = try await AzureVectors.verify(vector, at: outside)
                    #expect(verdict.failures.map(\.check).contains("pck_chain_validity"),
                            "\(vector.id) at \(RFC3339.format(outside)): \(verdict.failures)")
                }
            }
        }
    }

    /// The vTPM quote's extraData is the binding to runtime data (the vectors' attester put "challenge" there):
    /// exact report data equal to it verifies, anything else fails `report_data_binding` alone.
    @Test func theVTPMQuoteExtraDataIsTheBinding() async throws {
        for id in ["azure-snp-milan-bin", "azure-tdx-bin"] {
            let vector = try SharedVectors.vector(id)
            let bound = try await AzureVectors.verify(vector, expected: .exact(Array("challenge".utf8)))
            #expect(bound.isValid, "\(id): \(bound.failures)")
            #expect(bound.passedChecks.contains("report_data_binding"))
            let other = try await AzureVectors.verify(vector, expected: .exact(Array("other".utf8)))
            #expect(other.failures.map(\.check) == ["report_data_binding"], "\(id): \(other.failures)")
            let runtime = RuntimeData(json: ["nonce": "abc"])
            let fresh = try await AzureVectors.verify(vector, expected: .runtimeData(runtime))
            #expect(fresh.failures.map(\.check) == ["report_data_binding"], "\(id): \(fresh.failures)")
        }
    }
}
