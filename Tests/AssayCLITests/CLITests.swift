import AssayTestSupport
import AttestationCore
import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    /// A directory with a workload, runtime data, Sample TEE evidence and a signing key.
    struct Workspace {
        let directory: URL

        init() throws {
            directory = try AssayProcess.scratch()
            try Data("print('hello')\n".utf8).write(to: directory.appendingPathComponent("app.py"))
            try Data(#"{"nonce":"cli-nonce"}"#.utf8).write(to: directory.appendingPathComponent("rd.json"))
            let attest = try run(["attest", "--tee", "sample", "--workload", "app.py", "--runtime-data", "rd.json", "--out", "ev.bin"])
            #expect(attest.status == 0, "\(attest.stderr)")
            let keys = try run(["keys", "generate", "--out", "key.pem"])
            #expect(keys.status == 0, "\(keys.stderr)")
        }

        func run(_ arguments: [String], stdin: Data? = nil) throws -> AssayProcess.Result {
            try AssayProcess.run(arguments, in: directory, stdin: stdin)
        }

        func write(_ bytes: [UInt8], to name: String) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }

        func read(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }

    @Test func attestThenVerifyPrintsTheContractJSON() throws {
        let workspace = try Workspace()
        let result = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--signing-key", "key.pem",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["tee"] == "sample")
        #expect(json["valid"] == true)
        #expect(json["failures"] == [])
        #expect(json["claims"]?["debug"] == false)
        #expect(json["result"]?["eat_nonce"] == "cli-nonce")
        #expect(json["result"]?["submods"]?["sample"]?["ear.trustworthiness-vector"]?["hardware"] == 0)
        #expect(json["token"]?.stringValue?.split(separator: ".").count == 3)
    }

    @Test func hexAndBase64EvidenceAreAccepted() throws {
        let workspace = try Workspace()
        let raw = try workspace.read("ev.bin")
        for encoding in EvidenceEncoding.allCases {
            try workspace.write(encoding.encode(raw), to: "ev.\(encoding)")
            let result = try workspace.run([
                "verify", "--tee", "sample", "--evidence", "ev.\(encoding)", "--runtime-data", "rd.json",
            ])
            #expect(result.status == 0, "\(encoding): \(result.stderr)")
        }
    }

    @Test func rejectedEvidenceExitsOneAndNamesTheCheck() throws {
        let workspace = try Workspace()
        var tampered = try workspace.read("ev.bin")
        tampered[0x20] ^= 0x80
        try workspace.write(tampered, to: "bad.bin")
        let result = try workspace.run(["verify", "--tee", "sample", "--evidence", "bad.bin", "--format", "json"])
        #expect(result.status == 1)
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["valid"] == false)
        #expect(json["failures"]?.arrayValue?.contains { $0["check"] == "report_signature" } == true)
        #expect(json["result"]?["submods"]?["sample"]?["ear.status"] == "contraindicated")

        let wrongBinding = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--report-data", "00ff",
        ])
        #expect(wrongBinding.status == 1)
        #expect(wrongBinding.stdout.contains("report_data_binding"))

        let expired = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--as-of", "2055-01-01T00:00:00Z",
        ])
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("device_certificate_validity"))
    }

    @Test func unusableInputExitsTwoWithOneLineCause() throws {
        let workspace = try Workspace()
        let report = try workspace.read("ev.bin")
        try workspace.write([], to: "empty.bin")
        try workspace.write(Array(report.prefix(100)), to: "short.bin")
        try workspace.write([UInt8](repeating: 0x41, count: 8 * 1024 * 1024), to: "huge.bin")
        try workspace.write(Array("not hex, not base64 ~~~".utf8), to: "garbage.txt")
        let cases: [[String]] = [
            ["verify", "--tee", "sample", "--evidence", "empty.bin"],
            ["verify", "--tee", "sample", "--evidence", "short.bin"],
            ["verify", "--tee", "sample", "--evidence", "huge.bin"],
            ["verify", "--tee", "sample", "--evidence", "garbage.txt"],
            ["verify", "--tee", "sample", "--evidence", "missing.bin"],
            ["verify", "--tee", "nosuchtee", "--evidence", "ev.bin"],
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--as-of", "yesterday"],
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--report-data", "zz"],
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json", "--report-data", "00"],
            ["verify", "--tee", "sample", "--evidence", "ev.bin", "--reference-values", "rd.json"],
            ["verify", "--tee", "sample"],
            ["inspect", "--tee", "sample", "short.bin"],
            ["no-such-command"],
        ]
        for arguments in cases {
            let result = try workspace.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(!result.stderr.isEmpty, "\(arguments)")
            if !arguments.contains("--tee") || arguments.count > 3 {
                #expect(!result.stderr.contains("Fatal error"), "\(arguments)")
            }
        }
        let truncated = try workspace.run(["verify", "--tee", "sample", "--evidence", "short.bin"])
        #expect(truncated.stderr.split(separator: "\n").count == 1)
        #expect(truncated.stderr.contains("truncated"))
    }

    @Test func tokenVerifiesAgainstTheJWKSAndFailsAgainstAnother() throws {
        let workspace = try Workspace()
        let verify = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--signing-key", "key.pem", "--format", "json",
        ])
        let token = try #require(try JSONValue(parsing: verify.stdout)["token"]?.stringValue)
        let jwks = try workspace.run(["keys", "jwks", "--key", "key.pem"])
        #expect(jwks.status == 0)
        try workspace.write(Array(jwks.stdout.utf8), to: "jwks.json")
        let ok = try workspace.run(["token", "verify", token, "--jwks", "jwks.json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try JSONValue(parsing: ok.stdout)["submods"]?["sample"] != nil)
        try workspace.write(Array(token.utf8), to: "token.jwt")
        #expect(try workspace.run(["token", "verify", "@token.jwt", "--jwks", "jwks.json"]).status == 0)

        _ = try workspace.run(["keys", "generate", "--out", "other.pem"])
        let otherJWKS = try workspace.run(["keys", "jwks", "--key", "other.pem"])
        try workspace.write(Array(otherJWKS.stdout.utf8), to: "other.json")
        let rejected = try workspace.run(["token", "verify", token, "--jwks", "other.json"])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("no key with kid"))
        let late = try workspace.run(["token", "verify", token, "--jwks", "jwks.json", "--at", "2099-01-01T00:00:00Z"])
        #expect(late.status == 1)
        #expect(late.stderr.contains("expired"))
    }

    @Test func keysAreCreatedPrivateAndNotOverwritten() throws {
        let workspace = try Workspace()
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.directory.appendingPathComponent("key.pem").path)[
            .posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let again = try workspace.run(["keys", "generate", "--out", "key.pem"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func referenceValuesMakeExecutablesAffirming() throws {
        let workspace = try Workspace()
        let inspect = try workspace.run(["inspect", "--tee", "sample", "ev.bin", "--format", "json"])
        #expect(inspect.status == 0)
        let measurement = try #require(
            try JSONValue(parsing: inspect.stdout)["sections"]?.arrayValue?.first?["fields"]?["measurement"]?.stringValue)
        let document = #"{"reference_values":[{"tee":"sample","claim":"measurement","values":["\#(measurement)"],"provenance":"test"}]}"#
        try workspace.write(Array(document.utf8), to: "rv.json")
        let result = try workspace.run([
            "verify", "--tee", "sample", "--evidence", "ev.bin", "--reference-values", "rv.json", "--format", "json",
        ])
        #expect(result.status == 0)
        let submod = try JSONValue(parsing: result.stdout)["result"]?["submods"]?["sample"]
        #expect(submod?["ear.trustworthiness-vector"]?["executables"] == 2)
        #expect(submod?["ear.status"] == "affirming")
    }

    @Test func debugWorkloadsAreContraindicated() throws {
        let workspace = try Workspace()
        let attest = try workspace.run([
            "attest", "--tee", "sample", "--workload", "app.py", "--runtime-data", "rd.json", "--out", "dbg.b64",
            "--encoding", "base64", "--debug",
        ])
        #expect(attest.status == 0)
        let result = try workspace.run(["verify", "--tee", "sample", "--evidence", "dbg.b64", "--format", "json"])
        #expect(result.status == 0)
        #expect(try JSONValue(parsing: result.stdout)["result"]?["submods"]?["sample"]?["ear.status"] == "contraindicated")
    }

    @Test func benchReportsRatesAgainstTheBaseline() throws {
        let result = try AssayProcess.run(["bench", "--suite", "sample", "--seconds", "0.2", "--format", "json"], in: try AssayProcess.scratch())
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        let rates = json["results"]?.arrayValue?.compactMap { $0["per_second"]?.integerValue } ?? []
        #expect(rates.count == 2 && rates.allSatisfy { $0 > 0 })
        #expect(try AssayProcess.run(["bench", "--suite", "nope"], in: try AssayProcess.scratch()).status == 2)
    }

    @Test func everySubcommandExplainsItself() throws {
        let directory = try AssayProcess.scratch()
        for command in [[], ["attest"], ["verify"], ["inspect"], ["token", "verify"], ["keys", "generate"], ["keys", "jwks"], ["bench"]] {
            let result = try AssayProcess.run(command + ["--help"], in: directory)
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE") || result.stdout.contains("Usage"), "\(command)")
        }
    }
}
