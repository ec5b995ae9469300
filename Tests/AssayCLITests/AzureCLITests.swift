import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay verify|inspect --tee azure-snp|azure-tdx` on the shared vectors, as Trustee JSON and as parts (the HCL
/// report with --tpm-quote and --td-quote): exit 0 for genuine evidence, 1 naming the broken check for tampered
/// evidence, 2 with a one-line cause for unusable input.
@Suite(.serialized) struct AzureCLITests {
    static let vectors = SharedVectors.root.path
    static let amdChains = ["snp/amd_roots/ask_ark_milan.pem", "snp/amd_roots/ask_ark_genoa.pem"]

    func run(_ arguments: [String]) throws -> AssayProcess.Result {
        try AssayProcess.run(arguments, in: try AssayProcess.scratch())
    }

    func verify(_ tee: String, evidence: String, asOf: String, extra: [String]) throws -> (AssayProcess.Result, JSONValue?) {
        let result = try run(
            ["verify", "--tee", tee, "--evidence", "\(Self.vectors)/\(evidence)", "--as-of", asOf, "--format", "json"] + extra)
        return (result, try? JSONValue(parsing: result.stdout))
    }

    static func files(_ option: String, _ paths: [String]) -> [String] {
        paths.flatMap { [option, "\(vectors)/\($0)"] }
    }

    @Test(.sharedVectors) func snpJSONAndPartsVerify() throws {
        try SharedVectors.require()
        let (json, output) = try verify(
            "azure-snp", evidence: "azure/snp_vtpm/evidence-v2.json", asOf: "2025-01-29T16:33:43Z",
            extra: Self.files("--collateral", Self.amdChains))
        #expect(json.status == 0, "\(json.stderr)")
        #expect(output?["claims"]?["hcl"]?["verified"] == true)
        #expect(output?["claims"]?["vtpm"]?["pcrs"]?["sha256"]?["0"] != nil)
        #expect(output?["result"]?["submods"]?["azure-snp"]?["ear.trustworthiness-vector"]?["hardware"] == 2)
        for quote in ["azure/snp_vtpm/quote.bin", "azure/snp_vtpm/tpm-quote-v1.json"] {
            let (parts, _) = try verify(
                "azure-snp", evidence: "azure/snp_vtpm/hcl-report.bin", asOf: "2023-05-03T21:22:19Z",
                extra: Self.files("--tpm-quote", [quote]) + Self.files("--collateral", ["azure/snp_vtpm/vcek.pem"])
                    + ["--report-data", Hex.encode(Array("challenge".utf8))])
            #expect(parts.status == 0, "\(quote): \(parts.stderr) \(parts.stdout.prefix(400))")
        }
        let (expired, expiredOutput) = try verify(
            "azure-snp", evidence: "azure/snp_vtpm/hcl-report.bin", asOf: "2031-01-01T00:00:00Z",
            extra: Self.files("--tpm-quote", ["azure/snp_vtpm/quote.bin"]) + Self.files("--collateral", ["azure/snp_vtpm/vcek.pem"]))
        #expect(expired.status == 1)
        #expect(expiredOutput?["failures"]?.arrayValue?.contains { $0["check"] == "vcek_validity" } == true)
    }

    @Test(.sharedVectors) func tdxJSONAndPartsVerify() throws {
        try SharedVectors.require()
        let crl = try AssayProcess.scratch().appendingPathComponent("root-crl.pem")
        try Data(try DCAPVectorCollateral.load("tdx/collateral/dcapqvl_tdx_quote_collateral.json#root_ca_crl")).write(to: crl)
        let collateral = ["--collateral", crl.path, "--partial-collateral"]
        let (json, output) = try verify(
            "azure-tdx", evidence: "azure/tdx_vtpm/evidence-v1.json", asOf: "2025-09-30T18:04:58Z", extra: collateral)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(output?["claims"]?["hcl"]?["td_report_type"] == 129)
        let (parts, _) = try verify(
            "azure-tdx", evidence: "azure/tdx_vtpm/hcl-report.bin", asOf: "2025-09-30T18:04:58Z",
            extra: Self.files("--tpm-quote", ["azure/tdx_vtpm/quote.bin"]) + Self.files("--td-quote", ["azure/tdx_vtpm/td-quote.bin"])
                + collateral)
        #expect(parts.status == 0, "\(parts.stderr)")
        let (tampered, tamperedOutput) = try verify(
            "azure-tdx", evidence: "azure/tdx_vtpm/hcl-report.bin", asOf: "2025-09-30T18:04:58Z",
            extra: Self.files("--tpm-quote", ["azure/tdx_vtpm/quote.bin"])
                + Self.files("--td-quote", ["tampered/azure-tdx-bin__td-quote-mrtd.bin"]) + collateral)
        #expect(tampered.status == 1)
        let failed = tamperedOutput?["failures"]?.arrayValue?.compactMap { $0["check"]?.stringValue } ?? []
        #expect(Set(failed) == ["quote_signature", "td_report_tdinfo_matches_quote_body"])
    }

    @Test(.sharedVectors) func tamperedPartsAreRejectedNamingTheCheck() throws {
        try SharedVectors.require()
        let cases = [
            ("tampered/azure-snp-milan-bin__runtime-data.bin", "azure/snp_vtpm/quote.bin", "hw_report_data_binds_hcl_runtime_data"),
            ("azure/snp_vtpm/hcl-report.bin", "tampered/azure-snp-milan-bin__tpm-quote-signature.bin", "vtpm_quote_signature_by_hcl_akpub"),
        ]
        for (hcl, quote, check) in cases {
            let (result, output) = try verify(
                "azure-snp", evidence: hcl, asOf: "2023-05-03T21:22:19Z",
                extra: Self.files("--tpm-quote", [quote]) + Self.files("--collateral", ["azure/snp_vtpm/vcek.pem"]))
            #expect(result.status == 1, "\(hcl)")
            #expect(output?["failures"]?.arrayValue?.map { $0["check"] } == [.string(check)], "\(result.stdout.prefix(600))")
        }
    }

    @Test(.sharedVectors) func garbageAndMissingPartsExit2WithTheCause() throws {
        try SharedVectors.require()
        let scratch = try AssayProcess.scratch()
        let garbage = scratch.appendingPathComponent("garbage.bin")
        try Data("not an HCL report".utf8).write(to: garbage)
        let bad = try run(["verify", "--tee", "azure-snp", "--evidence", garbage.path, "--tpm-quote", "\(Self.vectors)/azure/snp_vtpm/quote.bin"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("malformed Azure HCL report"), "\(bad.stderr)")
        let noQuote = try run(["verify", "--tee", "azure-snp", "--evidence", "\(Self.vectors)/azure/snp_vtpm/hcl-report.bin"])
        #expect(noQuote.status == 2)
        #expect(noQuote.stderr.contains("--tpm-quote"), "\(noQuote.stderr)")
        let wrongTEE = try run(
            ["verify", "--tee", "azure-snp", "--evidence", "\(Self.vectors)/azure/tdx_vtpm/evidence-v1.json"])
        #expect(wrongTEE.status == 2)
        #expect(wrongTEE.stderr.contains("--tee azure-tdx"), "\(wrongTEE.stderr)")
        let misplaced = try run(
            ["verify", "--tee", "snp", "--evidence", "\(Self.vectors)/azure/snp_vtpm/hcl-report.bin", "--td-quote", garbage.path])
        #expect(misplaced.status == 2)
    }

    @Test(.sharedVectors) func inspectShowsTheHCLReportAndTheHardwareReport() throws {
        try SharedVectors.require()
        let snp = try run(["inspect", "--tee", "azure-snp", "\(Self.vectors)/azure/snp_vtpm/evidence-genoa.json"])
        #expect(snp.status == 0, "\(snp.stderr)")
        #expect(snp.stdout.contains("HCLAkPub") && snp.stdout.contains("measurement"))
        let tdx = try run(["inspect", "--tee", "azure-tdx", "\(Self.vectors)/azure/tdx_vtpm/evidence-v0.json"])
        #expect(tdx.status == 0, "\(tdx.stderr)")
        #expect(tdx.stdout.contains("TDREPORT") && tdx.stdout.contains("mr_td"))
    }
}
