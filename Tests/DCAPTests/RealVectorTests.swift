import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// The real TDX and SGX vectors of `../shared/vectors`, verified as of `suggested_as_of`, every field of
/// `expected.jsonl` compared through ``fieldMapping``.
@Suite(.sharedVectors) struct RealVectorTests {
    static func vectors() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("tdx") + SharedVectors.platform("sgx")
    }

    /// `expected.jsonl` field → claim path, where the names differ (every other field has the same name).
    static let fieldMapping: [String: String] = [
        "header_att_key_type": "header.att_key_type", "header_pce_svn": "header.pce_svn", "header_qe_svn": "header.qe_svn",
        "header_qe_vendor_id": "header.qe_vendor_id", "header_user_data": "header.user_data",
        "header_version": "quote_version", "header_body_type": "body_type", "header_tee_type": "header.tee_type",
        "td_attributes": "td_attributes.raw", "td_attributes_debug": "td_attributes.debug", "attributes": "attributes.raw",
        "pck_cpusvn": "pck.cpu_svn", "pck_pcesvn": "pck.pce_svn", "pck_sgx_tcb_comp_svn": "pck.sgx_tcb_components",
        "pck_sgx_type": "pck.sgx_type", "pck_chain": "pck.chain", "pck_crl_entries": "pck_crl.entries",
        "qe_identity_id": "qe_identity.id", "qe_identity_tcb_status": "qe_tcb_status", "qe_isv_prod_id": "qe.isv_prod_id",
        "qe_isv_svn": "qe.isv_svn", "qe_mr_enclave": "qe.mr_enclave", "qe_mr_signer": "qe.mr_signer",
        "tcb_advisory_ids": "advisory_ids", "tcb_info_id": "tcb_info.id", "tcb_info_issue_date": "tcb_info.issue_date",
        "tcb_info_next_update": "tcb_info.next_update", "tdx_module_identity": "tdx_module.id",
        "tdx_module_tcb_status": "tdx_module.tcb_status", "ccel_events": "event_log.events", "ccel_table_laml": "event_log.laml",
    ]
    /// Fields written as `0x…` text in `expected.jsonl` that are integers in the claims.
    static let hexIntegerFields: Set<String> = ["header_tee_type", "misc_select"]
    /// `expected.jsonl` checks that are preconditions of parsing (a quote failing them throws) or facts about the
    /// vector set, not verdict checks; every other check name is one of the verifier's.
    static let preconditionChecks: Set<String> = [
        "att_key_type_is_ecdsa_p256", "pck_cert_data_type_5", "tcb_info_fmspc_matches_pck", "validity_window_nonempty",
        "ccel_acpi_table_signature",
    ]
    /// Check of `expected.jsonl` → the verifier's name for it.
    static let checkMapping = ["report_data_equals_nonce_file": "report_data_binding"]

    static func verify(
        _ vector: SharedVectors.Vector, at instant: Date? = nil, editTable: (inout [UInt8]) -> Void = { _ in }
    ) async throws -> (Verdict, DCAPVectorCollateral) {
        let (entry, items) = try DCAPVectorCollateral.items(for: vector)
        var attachments: [String: [UInt8]] = [:]
        if let log = try vector.bytes("ccel_data") { attachments[Evidence.eventLogAttachment] = log }
        if var table = try vector.bytes("ccel_table") {
            editTable(&table)
            attachments[Evidence.ccelTableAttachment] = table
        }
        // A tampered copy whose collateral no longer verifies has no suggested instant: use its origin's.
        let origin = try Self.vectors().first { $0.id == vector.tamperedFrom }
        let context = VerificationContext(
            asOf: try #require(instant ?? vector.suggestedAsOf ?? origin?.suggestedAsOf), collateral: items,
            expectedReportData: try vector.bytes("nonce").map { .exact($0) }, allowsPartialCollateral: entry.partial)
        let tee = TEEKind(rawValue: vector.platform)
        let verdict = try await DCAPVerifier(tee: tee).verify(
            Evidence(tee: tee, bytes: try #require(try vector.bytes("quote")), attachments: attachments), context: context)
        return (verdict, entry)
    }

    @Test func everyVectorVerifiesAsExpectedWithItsFields() async throws {
        var counts = (valid: 0, rejected: 0)
        let vectors = try Self.vectors()
        try #require(vectors.count >= 21, "expected the 10 genuine and 11 tampered TDX/SGX vectors")
        for vector in vectors {
            let (verdict, entry) = try await Self.verify(vector)
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            if verdict.isValid { counts.valid += 1 } else { counts.rejected += 1 }
            compareFields(vector, verdict, entry)
            compareChecks(vector, verdict, entry)
        }
        #expect(counts.valid == 10 && counts.rejected == 11, "valid \(counts.valid), rejected \(counts.rejected)")
    }

    func compareFields(_ vector: SharedVectors.Vector, _ verdict: Verdict, _ entry: DCAPVectorCollateral) {
        let claims = JSONValue.object(verdict.claims)
        for (name, expected) in vector.fields.objectValue ?? [:] {
            if name == "trailing_bytes_after_quote" {
                let count = expected.integerValue ?? 0
                #expect(count == 0 || verdict.notes.contains { $0.hasPrefix("\(count) bytes follow") }, "\(vector.id): trailing \(count)")
                continue
            }
            let observed = claims.value(atPath: Self.fieldMapping[name] ?? name)
            if entry.unshipped.contains(name) {
                #expect(observed == nil || observed == .null, "\(vector.id).\(name): needs unshipped collateral, yet is \(String(describing: observed))")
                continue
            }
            if Self.hexIntegerFields.contains(name), let text = expected.stringValue, let value = Int64(text.dropFirst(2), radix: 16) {
                #expect(observed?.integerValue == value, "\(vector.id).\(name): expected \(text), observed \(String(describing: observed))")
                continue
            }
            let matches = expected == .null ? (observed == nil || observed == .null) : observed == expected
            #expect(matches, "\(vector.id).\(name): expected \(expected.compactText), observed \(observed?.compactText ?? "absent")")
        }
    }

    func compareChecks(_ vector: SharedVectors.Vector, _ verdict: Verdict, _ entry: DCAPVectorCollateral) {
        let failed = Set(verdict.failures.map(\.check))
        for (name, value) in vector.checks.objectValue ?? [:] where !Self.preconditionChecks.contains(name) {
            let check = Self.checkMapping[name] ?? name
            if value.boolValue == true {
                #expect(!failed.contains(check), "\(vector.id): \(check) failed: \(verdict.failures)")
                // The issuer chain of a document is found through the certificate that verifies its signature:
                // when the signature fails (an edited document), its chain checks do not run (they cannot fail).
                let signer = check.hasPrefix("tcb_info") ? "tcb_info_signature" : "qe_identity_signature"
                let chainUnknown = check.contains("_issuer_") && vector.checks[signer]?.boolValue == false
                if !(entry.unshipped.contains("tcb_status") && check.hasPrefix("tcb_info")) && !chainUnknown {
                    #expect(verdict.passedChecks.contains(check), "\(vector.id): \(check) did not run")
                }
            } else {
                #expect(failed.contains(check), "\(vector.id): \(check) should fail; failures \(failed.sorted())")
            }
        }
    }

    @Test func collateralWindowEdgesAreInclusiveAndOutsideIsRejectedNamingTheDocument() async throws {
        // The genuine vectors whose validity window the shipped collateral sets (DCAPVectorCollateral says which).
        let windowed = try Self.vectors().filter { vector in
            try vector.expectedValid && DCAPVectorCollateral.items(for: vector).entry.windowFromThisCollateral
        }
        try #require(windowed.count >= 6, "expected 6 genuine vectors whose window the shipped collateral sets")
        for vector in windowed {
            let entry = try DCAPVectorCollateral.items(for: vector).entry
            let window = try #require(vector.validityWindow, "\(vector.id) has no validity_window")
            for inside in [window.notBefore, window.notAfter] {
                let (verdict, _) = try await Self.verify(vector, at: inside)
                #expect(verdict.isValid, "\(vector.id) at \(RFC3339.format(inside)): \(verdict.failures)")
            }
            for outside in [window.notBefore.addingTimeInterval(-1), window.notAfter.addingTimeInterval(1)] {
                let (verdict, _) = try await Self.verify(vector, at: outside)
                // With partial collateral a document not in force is skipped like a missing one, with a note.
                if entry.partial && verdict.isValid {
                    #expect(verdict.notes.contains { $0.contains("in force at the verification instant") }, "\(vector.id): \(verdict.notes)")
                    continue
                }
                #expect(!verdict.isValid, "\(vector.id) at \(RFC3339.format(outside))")
                let validity = verdict.failures.filter { $0.check.hasSuffix("_validity") }
                #expect(!validity.isEmpty, "\(vector.id) at \(RFC3339.format(outside)): \(verdict.failures)")
                for failure in validity {
                    let says = failure.expected + " " + failure.observed
                    #expect(
                        ["expired", "not yet", "not valid then"].contains { failure.observed.contains($0) },
                        "\(vector.id): \(failure)")
                    // The message names the document: TCB info, QE identity, a CRL, or a certificate with its validity.
                    #expect(
                        ["TCB info for FMSPC", "identity (", "CRL of ", ", valid "].contains { says.contains($0) },
                        "\(vector.id): \(failure) does not say which document")
                }
            }
        }
    }

    @Test func ccelReplaysToTheQuotedRTMRs() async throws {
        let withLogs = try Self.vectors().filter { try $0.bytes("ccel_data") != nil }
        try #require(withLogs.count >= 2, "expected the 2 vectors with a CCEL event log")
        for vector in withLogs {
            let (verdict, _) = try await Self.verify(vector)
            for index in 0..<4 where vector.expectedValid {
                #expect(verdict.passedChecks.contains("ccel_replay_matches_rtmr\(index)"))
            }
            #expect(verdict.claims["event_log"]?["rtmr0"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test func alteredCCELTableFailsItsChecksum() async throws {
        let vector = try SharedVectors.vector("tdx-v4-gotdx-cos113-ccel")
        let (verdict, _) = try await Self.verify(vector) { $0[10] ^= 1 }  // OEM ID: not the log's length or address
        #expect(verdict.failures.map(\.check) == ["ccel_acpi_table_checksum"])
    }
}
