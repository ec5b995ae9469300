import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay verify|inspect --tee snp` on the shared vectors: exit 0 for genuine evidence, 1 with the broken check
/// named for tampered evidence, 2 with a one-line cause for unusable input.
@Suite(.serialized) struct SNPCLITests {
    static let vectors = SharedVectors.root.path

    func run(_ arguments: [String]) throws -> AssayProcess.Result {
        try AssayProcess.run(arguments, in: try AssayProcess.scratch())
    }

    func verify(report: String, collateral: [String], asOf: String, extra: [String] = []) throws -> AssayProcess.Result {
        try run(
            ["verify", "--tee", "snp", "--evidence", "\(Self.vectors)/\(report)", "--as-of", asOf, "--format", "json"]
                + collateral.flatMap { ["--collateral", "\(Self.vectors)/\($0)"] } + extra)
    }

    @Test(.sharedVectors) func genuineReportVerifiesAndDebugPolicyIsContraindicated() throws {
        try SharedVectors.require()
        let result = try verify(
            report: "snp/milan_gosevguest_report.bin",
            collateral: ["snp/milan_gosevguest_vcek.der", "snp/milan_gosevguest_ask_ark.pem"],
            asOf: "2022-09-25T00:55:28Z", extra: ["--report-data", "0102030405"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["valid"] == true)
        #expect(json["claims"]?["generation"] == "Milan")
        #expect(json["claims"]?["policy"]?["debug"] == true)
        let vector = json["result"]?["submods"]?["snp"]?["ear.trustworthiness-vector"]
        #expect(vector?["hardware"] == 2)
        #expect(vector?["configuration"] == 96)
    }

    @Test(.sharedVectors) func hexEvidenceAndTheVLEKChainVerify() throws {
        try SharedVectors.require()
        let hex = try verify(
            report: "snp/milan_virtee_report.hex",
            collateral: ["snp/milan_virtee_vcek.der", "snp/milan_virtee_ask_ark.pem"], asOf: "2023-04-04T19:23:43Z")
        #expect(hex.status == 0, "\(hex.stderr)")
        let vlek = try verify(
            report: "snp/trustee_vlek_report.bin",
            collateral: ["snp/trustee_vlek.der", "snp/amd_roots/ask_ark_milan_vlek.pem"], asOf: "2024-12-11T22:14:21Z")
        #expect(vlek.status == 0, "\(vlek.stderr)")
        let expired = try verify(
            report: "snp/trustee_vlek_report.bin",
            collateral: ["snp/trustee_vlek.der", "snp/amd_roots/ask_ark_milan_vlek.pem"], asOf: "2026-01-01T00:00:00Z")
        #expect(expired.status == 1 && expired.stdout.contains("vlek_validity"))
    }

    @Test(.sharedVectors) func tamperedReportIsRejectedNamingTheCheck() throws {
        try SharedVectors.require()
        let result = try verify(
            report: "tampered/snp-milan-gosevguest__body-measurement.bin",
            collateral: ["snp/milan_gosevguest_vcek.der", "snp/milan_gosevguest_ask_ark.pem"],
            asOf: "2022-09-25T00:55:28Z")
        #expect(result.status == 1)
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["failures"]?.arrayValue?.contains { $0["check"] == "report_signature" } == true)
    }

    /// Every SNP report vector through the CLI: genuine ones exit 0 as of `suggested_as_of` (and 1 naming a
    /// `*_validity` check a day outside their validity window), tampered ones exit 1 naming a failed check.
    @Test(.sharedVectors) func everySNPVectorThroughTheCLI() throws {
        try SharedVectors.require()
        let vectors = try SharedVectors.platform("snp").filter { !$0.id.hasPrefix("snp-cert-") }
        try #require(vectors.count >= 14, "expected the 7 genuine and 7 tampered SNP report vectors")
        func verify(_ vector: SharedVectors.Vector, asOf: Date) throws -> (status: Int32, failed: [String]) {
            let report = try #require(vector.file("report"))
            let collateral = ["vcek", "ca"].flatMap { vector.files($0) }.flatMap { ["--collateral", $0.path] }
            let result = try run(
                ["verify", "--tee", "snp", "--evidence", report.path, "--as-of", RFC3339.format(asOf), "--format", "json"]
                    + collateral)
            let failures = try JSONValue(parsing: result.stdout)["failures"]?.arrayValue ?? []
            return (result.status, failures.compactMap { $0["check"]?.stringValue })
        }
        for vector in vectors {
            let asOf = try #require(vector.suggestedAsOf)
            let result = try verify(vector, asOf: asOf)
            if vector.expectedValid {
                #expect(result.status == 0, "\(vector.id): \(result.failed)")
                let window = try #require(vector.validityWindow)
                for instant in [window.notBefore.addingTimeInterval(-86400), window.notAfter.addingTimeInterval(86400)] {
                    let outside = try verify(vector, asOf: instant)
                    #expect(outside.status == 1 && outside.failed.contains { $0.hasSuffix("_validity") }, "\(vector.id) at \(instant)")
                }
            } else {
                #expect(result.status == 1 && !result.failed.isEmpty, "\(vector.id) (\(vector.mutation ?? "")): \(result.failed)")
            }
        }
    }

    @Test(.sharedVectors) func unusableInputExitsTwoWithACause() throws {
        try SharedVectors.require()
        let scratch = try AssayProcess.scratch()
        let report = Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent("snp/milan_gosevguest_report.bin")))
        try Data(report.dropLast(100)).write(to: scratch.appendingPathComponent("short.bin"))
        try Data("not a certificate".utf8).write(to: scratch.appendingPathComponent("garbage.pem"))
        try Data("0x12zz".utf8).write(to: scratch.appendingPathComponent("bad.hex"))
        let cases: [([String], String)] = [
            (["--evidence", "short.bin"], "1184"),
            (["--evidence", "bad.hex"], "1184"),
            (["--evidence", "\(Self.vectors)/snp/milan_gosevguest_report.bin", "--collateral", "garbage.pem"], "garbage.pem"),
            (["--evidence", "\(Self.vectors)/snp/milan_gosevguest_report.bin"], "missing AMD collateral"),
            (["--evidence", "\(Self.vectors)/snp/milan_gosevguest_report.bin", "--report-data", "zz"], "hex"),
        ]
        for (arguments, cause) in cases {
            let result = try AssayProcess.run(["verify", "--tee", "snp"] + arguments, in: scratch)
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            #expect(result.stderr.contains(cause), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test(.sharedVectors) func inspectShowsEveryFieldByName() throws {
        try SharedVectors.require()
        let result = try run(["inspect", "--tee", "snp", "\(Self.vectors)/snp/derived/genoa_azure_report.bin"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["Guest policy (0x3001f)", "migrate_ma", "single_socket", "smt_enabled", "family 0x19, model 0x11",
                     "Genoa", "reported_tcb", "microcode 84", "VCEK", "measurement", "chip_id"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    /// Whether this machine is an SNP guest (configfs-tsm or /dev/sev-guest), where `assay attest` would succeed.
    static var inGuest: Bool {
        FileManager.default.fileExists(atPath: "/sys/kernel/config/tsm/report")
            || FileManager.default.fileExists(atPath: "/dev/sev-guest")
    }

    @Test(.disabled(if: Self.inGuest, "this machine is an SNP guest, so attest would succeed"))
    func attestOutsideAnSNPGuestExitsTwo() throws {
        let scratch = try AssayProcess.scratch()
        try Data(#"{"nonce":"n"}"#.utf8).write(to: scratch.appendingPathComponent("rd.json"))
        let result = try AssayProcess.run(
            ["attest", "--tee", "snp", "--runtime-data", "rd.json", "--out", "ev.bin"], in: scratch)
        #expect(result.status == 2)
        #expect(result.stderr.contains("SEV-SNP guest"), "\(result.stderr)")
    }
}
