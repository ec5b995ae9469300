import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay collateral import|list|prune|fetch` and the offline round trip: vendor files imported into a cache verify
/// real evidence with no network and no --collateral; an unreachable vendor fails within the fetch timeout, naming
/// every URL it tried.
@Suite(
    .serialized,
    .sharedVectors)
struct CollateralCacheCLITests {
    static let intelFiles = [
        "gotdx_tcbInfo_tdx_50806f000000.json", "gotdx_qeIdentity_tdqe.json", "gotdx_pckcrl_platform.der",
        "gotdx_rootcrl.der", "gotdx_tcb_signing_chain.pem",
    ]

    func assay(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> AssayProcess.Result {
        try AssayProcess.run(arguments, in: directory, environment: environment)
    }

    @Test func importedCollateralVerifiesOfflineAndIsListedAndPruned() throws {
        try SharedVectors.require()
        let root = SharedVectors.root
        let scratch = try AssayProcess.scratch()
        let cache = scratch.appendingPathComponent("cache").path
        // Intel's documents in a directory of their own, as an operator keeps them.
        let intel = scratch.appendingPathComponent("intel")
        try FileManager.default.createDirectory(at: intel, withIntermediateDirectories: true)
        for name in Self.intelFiles {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("tdx/collateral/\(name)"), to: intel.appendingPathComponent(name))
        }
        let imported = try assay(
            ["collateral", "import", "--collateral-cache", cache, intel.path,
             root.appendingPathComponent("snp/milan_gosevguest_vcek.der").path,
             root.appendingPathComponent("snp/milan_gosevguest_ask_ark.pem").path], in: scratch)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("6 document(s)"), "\(imported.stdout)")

        // Offline: the cache alone, no --collateral, no --fetch-collateral, and vendors that would not answer.
        let offline = ["ASSAY_KDS_URL": "http://127.0.0.1:9", "ASSAY_PCCS_URL": "http://127.0.0.1:9"]
        let snp = try assay(
            ["verify", "--tee", "snp", "--evidence", root.appendingPathComponent("snp/milan_gosevguest_report.bin").path,
             "--collateral-cache", cache, "--as-of", "2022-09-25T00:55:28Z", "--format", "json"], in: scratch,
            environment: ["ASSAY_KDS_URL": "https://kdsintf.amd.com"])
        #expect(snp.status == 0, "\(snp.stdout) \(snp.stderr)")
        let tdx = try assay(
            ["verify", "--tee", "tdx", "--evidence", root.appendingPathComponent("tdx/gotdx_quote_v4_SPR_E4.dat").path,
             "--collateral-cache", cache, "--as-of", "2023-06-19T08:42:58Z", "--format", "json"], in: scratch)
        #expect(tdx.status == 0, "\(tdx.stdout) \(tdx.stderr)")
        // Through another PCS base URL the cached documents do not apply: the cache is keyed by URL.
        let elsewhere = try assay(
            ["verify", "--tee", "tdx", "--evidence", root.appendingPathComponent("tdx/gotdx_quote_v4_SPR_E4.dat").path,
             "--collateral-cache", cache, "--as-of", "2023-06-19T08:42:58Z"], in: scratch, environment: offline)
        #expect(elsewhere.status == 2 && elsewhere.stderr.contains("127.0.0.1:9"), "\(elsewhere.stderr)")

        let listed = try assay(["collateral", "list", "--collateral-cache", cache, "--format", "json"], in: scratch)
        let entries = try #require(try JSONValue(parsing: listed.stdout).arrayValue)
        #expect(entries.count == 6)
        let tcbInfo = try #require(entries.first { $0["url"]?.stringValue?.contains("tcb?fmspc=50806f000000") == true })
        #expect(tcbInfo["valid_until"] == "2023-07-18T08:42:58Z")

        // Intel's 2023 documents have expired; the VCEK (to 2029) and the AMD chain stay.
        let pruned = try assay(["collateral", "prune", "--collateral-cache", cache, "--expired"], in: scratch)
        #expect(pruned.status == 0 && pruned.stdout.contains("4 document(s) removed"), "\(pruned.stdout)")
        let after = try assay(["collateral", "list", "--collateral-cache", cache, "--format", "json"], in: scratch)
        #expect(try JSONValue(parsing: after.stdout).arrayValue?.count == 2)
    }

    @Test func importOfNothingAVendorServesIsRefused() throws {
        let scratch = try AssayProcess.scratch()
        let junk = scratch.appendingPathComponent("notes.txt")
        try Data("not collateral".utf8).write(to: junk)
        let result = try assay(
            ["collateral", "import", "--collateral-cache", scratch.appendingPathComponent("cache").path, junk.path], in: scratch)
        #expect(result.status == 2 && result.stderr.contains("nothing in"), "\(result.stderr)")
        let prune = try assay(["collateral", "prune", "--collateral-cache", scratch.path], in: scratch)
        #expect(prune.status == 2 && prune.stderr.contains("--expired"))
    }

    /// A vendor that accepts connections and never answers: a version 2 report (no CPUID, so Milan then Genoa is
    /// tried) fails within twice the fetch timeout, naming both URLs.
    @Test func anUnreachableVendorFailsFastNamingEveryURLTried() throws {
        try SharedVectors.require()
        let blackhole = Process()
        blackhole.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        blackhole.arguments = [
            "python3", "-c",
            "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(16)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)",
        ]
        let out = Pipe()
        blackhole.standardOutput = out
        try blackhole.run()
        defer { blackhole.terminate() }
        let portLine = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)), "no port from \(portLine)")
        let scratch = try AssayProcess.scratch()
        let report = SharedVectors.root.appendingPathComponent("snp/trustee_report.bin").path
        for command in [
            ["collateral", "fetch", "--tee", "snp", "--evidence", report],
            ["verify", "--tee", "snp", "--evidence", report, "--fetch-collateral"],
        ] {
            let started = Date()
            let result = try assay(
                command + ["--collateral-cache", scratch.appendingPathComponent("cache").path, "--fetch-timeout", "1"],
                in: scratch, environment: ["ASSAY_KDS_URL": "http://127.0.0.1:\(port)"])
            let elapsed = Date().timeIntervalSince(started)
            #expect(result.status == 2, "\(command[0]): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("/vcek/v1/Milan/") && result.stderr.contains("/vcek/v1/Genoa/"), "\(result.stderr)")
            #expect(elapsed < 10, "\(command[0]) took \(elapsed) s")
        }
    }
}
