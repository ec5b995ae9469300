import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay verify` / `assay inspect` on the real TDX and SGX vectors: the exit-status contract end to end.
@Suite(.serialized) struct DCAPCLITests {
    var vectors: URL { SharedVectors.root }

    func run(_ arguments: [String]) throws -> AssayProcess.Result {
        try AssayProcess.run(arguments, in: vectors)
    }

    var available: Bool { SharedVectors.available(onMissing: { Issue.record(Comment(rawValue: $0)) }) }

    @Test func genuineTDXQuoteVerifiesWithItsBundle() throws {
        guard available else { return }
        let result = try run([
            "verify", "--tee", "tdx", "--evidence", "tdx/dcapqvl_tdx_quote.dat", "--collateral",
            "tdx/collateral/dcapqvl_tdx_quote_collateral.json", "--as-of", "2025-06-20T10:32:27Z", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)\(result.stdout)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["claims"]?["tcb_status"] == "UpToDate")
        #expect(json["claims"]?["fmspc"] == "b0c06f000000")
        #expect(json["result"]?["submods"]?["tdx"]?["ear.trustworthiness-vector"]?["hardware"] == 2)
        #expect(json["notes"]?.arrayValue?.contains { $0.stringValue?.hasPrefix("70 bytes follow") == true } == true)
    }

    @Test func sgxQuoteVerifiesAndItsStatusIsAWarning() throws {
        guard available else { return }
        let result = try run([
            "verify", "--tee", "sgx", "--evidence", "sgx/dcapqvl_sgx_quote.dat", "--collateral", "sgx/collateral",
            "--as-of", "2025-06-20T10:56:11Z", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["claims"]?["tcb_status"] == "ConfigurationAndSWHardeningNeeded")
        #expect(json["claims"]?["advisory_ids"] == ["INTEL-SA-00289", "INTEL-SA-00615"])
        #expect(json["result"]?["submods"]?["sgx"]?["ear.status"] == "warning")
    }

    @Test func tamperedQuoteExitsOneNamingTheCheck() throws {
        guard available else { return }
        let result = try run([
            "verify", "--tee", "tdx", "--evidence", "tampered/tdx-v4-gotdx-spr-e4__mrtd.dat", "--collateral",
            "tdx/collateral/gotdx_tcbInfo_tdx_50806f000000.json", "--collateral", "tdx/collateral/gotdx_qeIdentity_tdqe.json",
            "--collateral", "tdx/collateral/gotdx_pckcrl_platform.der", "--collateral", "tdx/collateral/gotdx_rootcrl.der",
            "--collateral", "tdx/collateral/gotdx_tcb_signing_chain.pem", "--as-of", "2023-06-19T08:42:58Z",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("REJECTED"))
        #expect(result.stdout.contains("quote_signature"))
    }

    @Test func collateralOutsideItsWindowIsRejectedNamingTheDocument() throws {
        guard available else { return }
        let result = try run([
            "verify", "--tee", "tdx", "--evidence", "tdx/dcapqvl_tdx_quote.dat", "--collateral",
            "tdx/collateral/dcapqvl_tdx_quote_collateral.json", "--as-of", "2025-08-01T00:00:00Z",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("tcb_info_validity"))
        #expect(result.stdout.contains("TDX TCB info for FMSPC b0c06f000000"))
        #expect(result.stdout.contains("expired"))
    }

    @Test func missingCollateralExitsTwoUnlessPartialIsAccepted() throws {
        guard available else { return }
        let missing = try run(["verify", "--tee", "sgx", "--evidence", "sgx/trustee_occlum_quote.dat", "--as-of", "2023-04-27T15:35:16Z"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing collateral"))
        #expect(missing.stderr.contains("fmspc=00606a000000"))
        let partial = try run([
            "verify", "--tee", "sgx", "--evidence", "sgx/trustee_occlum_quote.dat", "--as-of", "2023-04-27T15:35:16Z",
            "--partial-collateral", "--format", "json",
        ])
        #expect(partial.status == 0, "\(partial.stderr)")
        let json = try JSONValue(parsing: partial.stdout)
        #expect(json["result"]?["submods"]?["sgx"]?["ear.status"] == "contraindicated")
    }

    @Test func eventLogReplaysToTheQuotedRTMRs() throws {
        guard available else { return }
        let nonce = Hex.encode(Array(try Data(contentsOf: vectors.appendingPathComponent("tdx/gotdx_cos113_nonce.dat"))))
        let base = [
            "verify", "--tee", "tdx", "--evidence", "tdx/gotdx_cos113_quote.dat", "--ccel-table", "tdx/gotdx_cos113_ccel_table.dat",
            "--as-of", "2025-09-30T18:04:58Z", "--partial-collateral", "--report-data", nonce,
        ]
        let genuine = try run(base + ["--event-log", "tdx/gotdx_cos113_ccel_data.dat"])
        #expect(genuine.status == 0, "\(genuine.stderr)\(genuine.stdout)")
        let tampered = try run(base + ["--event-log", "tampered/tdx-v4-gotdx-cos113-ccel__ccel-event.dat"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("ccel_replay_matches_rtmr0"))
    }

    @Test func inspectShowsTheQuote() throws {
        guard available else { return }
        let result = try run(["inspect", "--tee", "tdx", "tdx/gotdx_quote_v5_sample.dat"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TD report 1.5"))
        #expect(result.stdout.contains("mr_service_td"))
        #expect(result.stdout.contains("Intel SGX PCK Certificate"))
        let wrong = try run(["inspect", "--tee", "sgx", "tdx/gotdx_quote_v5_sample.dat"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("check --tee"))
    }
}
