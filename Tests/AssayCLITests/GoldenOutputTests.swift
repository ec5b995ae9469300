import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay verify --format json` on every shared vector this build verifies (SNP reports, TDX and SGX quotes, TPM
/// evidence, and their tampered copies), compared byte for byte — stdout, stderr and exit status — with
/// `Golden/verify-json.jsonl`, so a refactoring of a verifier cannot change what it reports unnoticed.
///
/// The golden file holds derived outputs only, keyed by vector id, never the vector files. The only normalised
/// bytes are the result's `iat` and `exp` (wall-clock time; the test checks `exp - iat` first). After an intended
/// change of output, regenerate it and review the diff:
/// `ASSAY_UPDATE_GOLDEN=1 ASSAY_VECTORS=/path/to/shared/vectors swift test --filter GoldenOutputTests`.
@Suite(.serialized) struct GoldenOutputTests {
    /// The golden file, in the source tree.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/verify-json.jsonl")
    /// The platforms whose vectors `assay verify` takes.
    static let platforms = ["snp", "tdx", "sgx", "tpm", "azure", "nvidia"]
    /// The instant used for a vector that names none (its outputs must not depend on it: no certificate is checked).
    static let defaultAsOf = "2024-01-01T00:00:00Z"
    /// `exp - iat` of an unsigned result (AttestationPipeline.defaultTokenLifetime).
    static let tokenLifetime: Int64 = 300

    /// One `assay verify` run: the vector, its arguments (paths relative to the scratch directory) and the files
    /// to write there first.
    struct Run {
        let id: String
        var arguments: [String]
        var files: [(name: String, bytes: [UInt8])] = []
    }

    /// The run for `vector`, or nil when the vector has no evidence to verify (certificates or event logs alone).
    static func run(for vector: SharedVectors.Vector, all: [SharedVectors.Vector]) throws -> Run? {
        let origin = all.first { $0.id == vector.tamperedFrom }
        let asOf = (vector.suggestedAsOf ?? origin?.suggestedAsOf).map(RFC3339.format) ?? defaultAsOf
        func path(_ url: URL) -> String {
            "vectors/" + url.path.dropFirst(SharedVectors.root.path.count).drop { $0 == "/" }
        }
        var run = Run(id: vector.id, arguments: [])
        var tee = vector.platform
        let evidence: URL
        switch vector.platform {
        case "snp":
            guard let report = vector.file("report") else { return nil }
            evidence = report
            run.arguments = ["vcek", "ca"].flatMap { vector.files($0) }.flatMap { ["--collateral", path($0)] }
        case "tdx", "sgx":
            evidence = try #require(vector.file("quote"))
            let (entry, items) = try DCAPVectorCollateral.items(for: vector)
            for (index, item) in items.enumerated() {
                let name = "collateral/\(vector.id)-\(index)"
                run.files.append((name, item.bytes))
                run.arguments += ["--collateral", name]
            }
            if entry.partial { run.arguments.append("--partial-collateral") }
            if let log = vector.file("ccel_data"), let table = vector.file("ccel_table") {
                run.arguments += ["--event-log", path(log), "--ccel-table", path(table)]
            }
            if let nonce = try vector.bytes("nonce") { run.arguments += ["--report-data", Hex.encode(nonce)] }
        case "tpm":
            guard let file = vector.file("attestation") ?? vector.file("dump") else { return nil }
            evidence = file
            run.arguments = vector.files("ca").flatMap { ["--collateral", path($0)] }
        case "azure":
            // The TDX vectors' TCB info is not shipped: partial collateral with the 2025 root CA CRL (AzureCVMTests).
            tee = vector.id.hasPrefix("azure-tdx") ? "azure-tdx" : "azure-snp"
            evidence = try #require(vector.file("evidence") ?? vector.file("hcl_report"))
            for (role, option) in [("tpm_quote_bincode", "--tpm-quote"), ("tpm_quote_json", "--tpm-quote"), ("td_quote", "--td-quote")] {
                if let file = vector.file(role) { run.arguments += [option, path(file)] }
            }
            if tee == "azure-tdx" {
                let crl = "tdx/collateral/dcapqvl_tdx_quote_collateral.json#root_ca_crl"
                run.files.append(("collateral/\(vector.id)-root-crl", try DCAPVectorCollateral.load(crl)))
                run.arguments += ["--collateral", "collateral/\(vector.id)-root-crl", "--partial-collateral"]
            } else {
                let roots = ["snp/amd_roots/ask_ark_milan.pem", "snp/amd_roots/ask_ark_genoa.pem"]
                run.arguments += vector.files("vcek").map(path).flatMap { ["--collateral", $0] }
                    + roots.flatMap { ["--collateral", "vectors/\($0)"] }
            }
        case "nvidia":
            // An evidence list is one run for all its devices: it is verified once, with its first device's vector.
            if let list = vector.file("evidence_list") {
                guard vector.id.hasSuffix("0") else { return nil }
                evidence = list
            } else {
                guard let report = vector.file("report"), let chain = vector.file("cert_chain") else { return nil }
                evidence = report
                run.arguments = ["--collateral", path(chain)]
            }
        default:
            return nil
        }
        run.arguments =
            ["verify", "--tee", tee, "--evidence", path(evidence), "--as-of", asOf, "--format", "json"]
            + run.arguments
        return run
    }

    /// Runs `run` in a scratch directory holding `vectors` (a link to the shared vectors) and its files; returns
    /// the golden line.
    static func execute(_ run: Run) throws -> JSONValue {
        let scratch = try AssayProcess.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("vectors"), withDestinationURL: SharedVectors.root)
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("collateral"), withIntermediateDirectories: true)
        for file in run.files { try Data(file.bytes).write(to: scratch.appendingPathComponent(file.name)) }
        let result = try AssayProcess.run(run.arguments, in: scratch)
        return .object([
            "id": .string(run.id), "arguments": .array(run.arguments.map(JSONValue.string)),
            "status": .integer(Int64(result.status)), "stdout": .string(try normalised(result.stdout, id: run.id)),
            "stderr": .string(result.stderr),
        ])
    }

    /// `stdout` with the result's `"iat"` and `"exp"` values replaced by placeholders, once `exp - iat` is checked.
    static func normalised(_ stdout: String, id: String) throws -> String {
        var times: [String: Int64] = [:]
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for key in ["iat", "exp"] {
                let prefix = "\"\(key)\": "
                guard let range = line.range(of: prefix) else { continue }
                let value = line[range.upperBound...].prefix { $0.isNumber }
                guard let number = Int64(value) else { continue }
                times[key] = number
                return line.replacingCharacters(in: range.upperBound..<line.index(range.upperBound, offsetBy: value.count), with: "<\(key)>")
            }
            return String(line)
        }
        if let issued = times["iat"] {
            #expect(times["exp"].map { $0 - issued } == tokenLifetime, "\(id): exp - iat")
        }
        return lines.joined(separator: "\n")
    }

    @Test(.sharedVectors) func verifyOutputsMatchTheGoldenFile() throws {
        let all = try SharedVectors.all()
        let runs = try all.filter { Self.platforms.contains($0.platform) }.compactMap { try Self.run(for: $0, all: all) }
        #expect(runs.count == 69, "SNP reports, TDX/SGX quotes, TPM, Azure CVM and NVIDIA evidence in expected.jsonl")
        let lines = try runs.map { try Self.execute($0).compactText }
        if ProcessInfo.processInfo.environment["ASSAY_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: Self.golden)
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        let expected = Dictionary(try golden.map { line in (try JSONValue(parsing: line))["id"]?.stringValue ?? "" }.enumerated()
            .map { ($0.element, golden[$0.offset]) }) { first, _ in first }
        #expect(expected.count == golden.count, "one golden line per vector id")
        #expect(Set(expected.keys) == Set(runs.map(\.id)), "the golden file covers exactly these vectors")
        for (run, line) in zip(runs, lines) {
            let golden = expected[run.id] ?? ""
            let same = line == golden
            #expect(same, "\(run.id): output differs from Golden/verify-json.jsonl \(Self.difference(line, golden))")
        }
    }

    /// Where `line` first differs from `golden`, with a little context of each.
    static func difference(_ line: String, _ golden: String) -> String {
        let offset = zip(line.utf8, golden.utf8).prefix { $0 == $1 }.count
        func excerpt(_ text: String) -> String { String(decoding: text.utf8.dropFirst(max(0, offset - 60)).prefix(160), as: UTF8.self) }
        return "at byte \(offset): now …\(excerpt(line))… golden …\(excerpt(golden))…"
    }
}
