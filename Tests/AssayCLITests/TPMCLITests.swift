import AttestationCore
import AssayTestSupport
import Foundation
import Testing

/// `assay attest --tee tpm` against a real swtpm, and `assay verify --tee tpm` on its output and on quotes made
/// by tpm2-tools.
@Suite(.serialized, .swtpm, .enabled(if: Swtpm.runnable, "swtpm is not installed (scripts/test.sh installs it)")) struct TPMCLITests {
    struct Workspace {
        let directory: URL
        let tpm: Swtpm

        init(_ tpm: Swtpm) throws {
            self.tpm = tpm
            directory = try AssayProcess.scratch()
            try Data(#"{"nonce":"cli-tpm"}"#.utf8).write(to: directory.appendingPathComponent("rd.json"))
            try Data(#"{"nonce":"other"}"#.utf8).write(to: directory.appendingPathComponent("other.json"))
        }

        func run(_ arguments: [String]) throws -> AssayProcess.Result {
            try AssayProcess.run(arguments, in: directory)
        }

        /// The swtpm local CA: root trusted, issuer as collateral.
        var roots: [String] { ["--trusted-root", tpm.caRoot.path, "--collateral", tpm.caIssuer.path] }
    }

    @Test(arguments: ["rsa2048", "ecc-p256"])
    func attestThenVerify(akType: String) throws {
        let tpm = try #require(Swtpm.current)
        let workspace = try Workspace(tpm)
        let attest = try workspace.run([
            "attest", "--tee", "tpm", "--tpm", tpm.address, "--runtime-data", "rd.json", "--out", "ev",
            "--pcr-selection", "sha256:0-23+sha1:0-7", "--ak-type", akType,
        ])
        #expect(attest.status == 0, "\(attest.stderr)")
        let evidence = [
            "--evidence", "ev/quote.msg", "--signature", "ev/quote.sig", "--ak-public", "ev/ak.pub", "--pcrs", "ev/quote.pcrs",
            "--ek-certificate", "ev/ek.crt",
        ]
        let verify = try workspace.run(["verify", "--tee", "tpm"] + evidence + workspace.roots + ["--runtime-data", "rd.json", "--format", "json"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let json = try JSONValue(parsing: verify.stdout)
        #expect(json["claims"]?["pcrs"]?["sha256"]?["17"] == .hex([UInt8](repeating: 0xff, count: 32)))
        #expect(json["claims"]?["ek_certificate"]?["tpm_model"] == "swtpm")
        #expect(json["claims"]?["ak_endorsement"] == "none")
        #expect(json["result"]?["submods"]?["tpm"]?["ear.trustworthiness-vector"]?["hardware"] == 32)

        let single = try workspace.run(["verify", "--tee", "tpm", "--evidence", "ev/evidence.json", "--runtime-data", "rd.json", "--format", "json"])
        #expect(single.status == 0, "\(single.stdout) \(single.stderr)")
        #expect(try JSONValue(parsing: single.stdout)["claims"]?["pcrs"] == json["claims"]?["pcrs"])

        let stale = try workspace.run(["verify", "--tee", "tpm"] + evidence + workspace.roots + ["--runtime-data", "other.json"])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("report_data_binding"))
        let untrusted = try workspace.run(["verify", "--tee", "tpm"] + evidence + ["--runtime-data", "rd.json"])
        #expect(untrusted.status == 2, "\(untrusted.stdout)")
        #expect(untrusted.stderr.contains("--trusted-root"))

        let inspect = try workspace.run(["inspect", "--tee", "tpm", "ev/quote.msg", "--signature", "ev/quote.sig", "--ak-public", "ev/ak.pub"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("TPM_ST_ATTEST_QUOTE"))
    }

    @Test(.tpm2Tools) func tpm2ToolsQuoteVerifies() throws {
        let tpm = try #require(Swtpm.current)
        try Swtpm.requireTPM2Tools()
        let workspace = try Workspace(tpm)
        for (program, arguments) in [
            ("tpm2_createek", ["-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub"]),
            ("tpm2_createak", ["-C", "ek.ctx", "-c", "ak.ctx", "-G", "ecc", "-g", "sha256", "-s", "ecdsa", "-u", "ak.pub", "-f", "pem"]),
            ("tpm2_flushcontext", ["-t"]),
            ("tpm2_quote", ["-c", "ak.ctx", "-l", "sha256:0,1,2,3,4,5,6,7,8,9", "-q", "c0ffee", "-m", "quote.msg", "-s", "quote.sig", "-o", "quote.pcrs"]),
            ("tpm2_flushcontext", ["-t"]),
            ("tpm2_flushcontext", ["-s"]),
        ] {
            let result = try tpm.tpm2(program, arguments, in: workspace.directory)
            #expect(result.status == 0, "\(program): \(result.output)")
            guard result.status == 0 else { return }
        }
        let evidence = ["--evidence", "quote.msg", "--signature", "quote.sig", "--ak-public", "ak.pub", "--pcrs", "quote.pcrs"]
        let verify = try workspace.run(["verify", "--tee", "tpm"] + evidence + ["--report-data", "c0ffee"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(verify.stdout.contains("ECC P-256"))
        let wrong = try workspace.run(["verify", "--tee", "tpm"] + evidence + ["--report-data", "c0ffef"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("report_data_binding"))
    }
}

/// The GCE vectors through the command line (no TPM needed).
@Suite struct TPMVectorCLITests {
    @Test(.sharedVectors) func gceVectorVerifiesAndItsTamperedCopiesAreRejected() throws {
        try SharedVectors.require()
        let directory = try AssayProcess.scratch()
        let vectors = SharedVectors.root.path
        let roots = { (intermediate: Int) in
            [
                "--collateral", "\(vectors)/tpm/roots/gce_tpm_ek_intermediate_\(intermediate).crt",
                "--collateral", "\(vectors)/tpm/roots/gce_tpm_ek_root_1.cer", "--as-of", "2021-09-01T23:11:05Z",
            ]
        }
        let genuine = try AssayProcess.run(
            ["verify", "--tee", "tpm", "--evidence", "\(vectors)/tpm/gce_cos85_nonce9009_attestation.pb", "--report-data", "9009"]
                + roots(2), in: directory)
        #expect(genuine.status == 0, "\(genuine.stdout) \(genuine.stderr)")
        #expect(genuine.stdout.contains("hardware          2 (affirming)"))
        let swapped = try AssayProcess.run(
            ["verify", "--tee", "tpm", "--evidence", "\(vectors)/tpm/gce_cos85_nonce9009_attestation.pb"] + roots(3), in: directory)
        #expect(swapped.status == 1)
        #expect(swapped.stdout.contains("ak_certificate_chain"))
        let tampered = try AssayProcess.run(
            ["verify", "--tee", "tpm", "--evidence", "\(vectors)/tampered/tpm-gce-cos85-nonce9009__eventlog.pb"] + roots(2),
            in: directory)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("event_log_replay_sha1"))
        let inspect = try AssayProcess.run(
            ["inspect", "--tee", "tpm", "\(vectors)/tpm/gce_cos85_no_nonce_attestation.pb", "--format", "json"], in: directory)
        #expect(inspect.status == 0, "\(inspect.stderr)")
    }

    @Test func tpmOptionsOnlyApplyToTPM() throws {
        let directory = try AssayProcess.scratch()
        let result = try AssayProcess.run(["verify", "--tee", "sample", "--evidence", "x.bin", "--signature", "sig"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("only apply to --tee tpm"))
        let attest = try AssayProcess.run(["attest", "--tee", "tpm", "--runtime-data", "rd.json", "--out", "d"], in: directory)
        #expect(attest.status == 2)
        #expect(attest.stderr.contains("--tpm"))
        let secret = try AssayProcess.run(
            ["secret", "get", "apps/x", "--server", "http://127.0.0.1:1", "--tee", "sample", "--workload", "rd.json", "--tpm", "/dev/tpmrm0"],
            in: directory)
        #expect(secret.status == 2 && secret.stderr.contains("only apply to --tee tpm"), "\(secret.stderr)")
        let unaddressed = try AssayProcess.run(["secret", "get", "apps/x", "--server", "http://127.0.0.1:1", "--tee", "tpm"], in: directory)
        #expect(unaddressed.status == 2 && unaddressed.stderr.contains("--tee tpm needs --tpm"), "\(unaddressed.stderr)")
    }
}
