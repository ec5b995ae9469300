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

    /// `assay verify` of one shared vector: its collateral written to `scratch` (bundle members as files), its CCEL
    /// log and nonce passed when it has them; returns the exit status and the failed checks.
    func verify(
        _ vector: SharedVectors.Vector, asOf: Date, scratch: URL
    ) throws -> (status: Int32, failed: [String], stderr: String, notes: [String]) {
        let (entry, items) = try DCAPVectorCollateral.items(for: vector)
        var arguments = [
            "verify", "--tee", vector.platform, "--evidence", try #require(vector.file("quote")).path, "--as-of",
            RFC3339.format(asOf), "--format", "json",
        ]
        for (index, item) in items.enumerated() {
            let file = scratch.appendingPathComponent("\(vector.id)-\(index)")
            try Data(item.bytes).write(to: file)
            arguments += ["--collateral", file.path]
        }
        if entry.partial { arguments.append("--partial-collateral") }
        if let log = vector.file("ccel_data"), let table = vector.file("ccel_table") {
            arguments += ["--event-log", log.path, "--ccel-table", table.path]
        }
        if let nonce = try vector.bytes("nonce") { arguments += ["--report-data", Hex.encode(nonce)] }
        let result = try run(arguments)
        let json = try? JSONValue(parsing: result.stdout)
        let failures = json?["failures"]?.arrayValue ?? []
        let notes = json?["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return (result.status, failures.compactMap { $0["check"]?.stringValue }, result.stderr, notes)
    }

    /// Every TDX and SGX vector of expected.jsonl through the CLI: genuine ones exit 0 as of `suggested_as_of` and 1
    /// naming a `*_validity` check just outside their collateral window; tampered copies exit 1 naming every check
    /// expected.jsonl marks as failed.
    @Test(.sharedVectors) func everyDCAPVectorThroughTheCLI() throws {
        try SharedVectors.require()
        let vectors = try SharedVectors.platform("tdx") + SharedVectors.platform("sgx")
        try #require(vectors.count >= 21, "expected the 10 genuine and 11 tampered TDX/SGX vectors")
        let scratch = try AssayProcess.scratch()
        var counts = (genuine: 0, tampered: 0, outside: 0)
        for vector in vectors {
            let origin = vectors.first { $0.id == vector.tamperedFrom }
            let asOf = try #require(vector.suggestedAsOf ?? origin?.suggestedAsOf)
            let result = try verify(vector, asOf: asOf, scratch: scratch)
            if vector.expectedValid {
                #expect(result.status == 0, "\(vector.id): \(result.failed) \(result.stderr)")
                if result.status == 0 { counts.genuine += 1 }
                guard try DCAPVectorCollateral.items(for: vector).entry.windowFromThisCollateral, let window = vector.validityWindow
                else { continue }
                for instant in [window.notBefore.addingTimeInterval(-1), window.notAfter.addingTimeInterval(1)] {
                    let outside = try verify(vector, asOf: instant, scratch: scratch)
                    // With partial collateral a document not in force is skipped like a missing one (exit 0, noted).
                    let skipped = try DCAPVectorCollateral.items(for: vector).entry.partial && outside.status == 0
                        && outside.notes.contains { $0.contains("in force at the verification instant") }
                    let named = skipped || outside.status == 1 && outside.failed.contains { $0.hasSuffix("_validity") }
                    #expect(named, "\(vector.id) at \(RFC3339.format(instant)): \(outside.failed)")
                    if named { counts.outside += 1 }
                }
            } else {
                let expected = (vector.checks.objectValue ?? [:]).filter { $0.value == false && $0.key != "validity_window_nonempty" }.keys
                let named = result.status == 1 && expected.allSatisfy(result.failed.contains)
                #expect(named, "\(vector.id) (\(vector.mutation ?? "")): exit \(result.status), failed \(result.failed)")
                if named { counts.tampered += 1 }
            }
        }
        #expect(counts.genuine == 10 && counts.tampered == 11 && counts.outside == 12, "\(counts)")
    }

    @Test(.sharedVectors) func genuineTDXQuoteVerifiesWithItsBundle() throws {
        try SharedVectors.require()
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

    @Test(.sharedVectors) func sgxQuoteVerifiesAndItsStatusIsAWarning() throws {
        try SharedVectors.require()
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

    @Test(.sharedVectors) func tamperedQuoteExitsOneNamingTheCheck() throws {
        try SharedVectors.require()
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

    @Test(.sharedVectors) func collateralOutsideItsWindowIsRejectedNamingTheDocument() throws {
        try SharedVectors.require()
        let result = try run([
            "verify", "--tee", "tdx", "--evidence", "tdx/dcapqvl_tdx_quote.dat", "--collateral",
            "tdx/collateral/dcapqvl_tdx_quote_collateral.json", "--as-of", "2025-08-01T00:00:00Z",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("tcb_info_validity"))
        #expect(result.stdout.contains("TDX TCB info for FMSPC b0c06f000000"))
        #expect(result.stdout.contains("expired"))
    }

    @Test(.sharedVectors) func missingCollateralExitsTwoUnlessPartialIsAccepted() throws {
        try SharedVectors.require()
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

    @Test(.sharedVectors) func eventLogReplaysToTheQuotedRTMRs() throws {
        try SharedVectors.require()
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

    @Test(.sharedVectors) func inspectShowsTheQuote() throws {
        try SharedVectors.require()
        let result = try run(["inspect", "--tee", "tdx", "tdx/gotdx_quote_v5_sample.dat"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TD report 1.5"))
        #expect(result.stdout.contains("mr_service_td"))
        #expect(result.stdout.contains("Intel SGX PCK Certificate"))
        let wrong = try run(["inspect", "--tee", "sgx", "tdx/gotdx_quote_v5_sample.dat"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("check --tee"))
    }

    /// Whether this machine is a TDX guest (/dev/tdx_guest or configfs-tsm), where `assay attest` would succeed.
    static var inGuest: Bool {
        FileManager.default.fileExists(atPath: "/dev/tdx_guest")
            || FileManager.default.fileExists(atPath: "/sys/kernel/config/tsm/report")
    }

    @Test(.disabled(if: Self.inGuest, "this machine is a TDX guest, so attest would succeed"))
    func attestOutsideATDXGuestExitsTwoNamingTheMissingInterface() throws {
        let scratch = try AssayProcess.scratch()
        try Data(#"{"nonce":"n"}"#.utf8).write(to: scratch.appendingPathComponent("rd.json"))
        let result = try AssayProcess.run(["attest", "--tee", "tdx", "--runtime-data", "rd.json", "--out", "q.bin"], in: scratch)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a TDX guest"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
