import ArgumentParser
import AttestationCore
import Attester
import Foundation
import SampleTEE

/// `assay attest`: produce evidence inside a TEE, and optionally present it to an Assay service for a token.
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Produce attestation evidence bound to runtime data, or attest to a service and get a token.",
        discussion: """
            With --tee sample, measures --workload (SHA-384 of a file, or of a directory's files in path order) and \
            signs a Sample TEE report whose report data is SHA-512 of the runtime data's exact bytes. The Sample \
            TEE is a software TEE for development: its signing root is public, so its results never claim genuine \
            hardware.

            Offline: --runtime-data and --out are required; the evidence is written for 'assay verify'.
            With --server: gets a nonce from POST /v1/challenge, adds it to the runtime data (the members of \
            --runtime-data, if given), attests with POST /v1/attest and prints the token, status and trust vector. \
            Exit status 0 when a token was issued, 1 when the service rejected the evidence, 2 otherwise.

            Examples:
              assay attest --tee sample --workload ./app --runtime-data rd.json --out ev.bin
              assay attest --tee sample --workload ./app --server http://127.0.0.1:8080
            """
    )

    @Option(help: "The TEE to attest with (sample).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("The workload to measure: a file or a directory.", valueName: "path"))
    var workload: String

    @Option(
        name: .customLong("runtime-data"),
        help: ArgumentHelp("Runtime data to bind: a JSON object (with --server, the nonce is added to it).", valueName: "file"))
    var runtimeData: String?

    @Option(help: ArgumentHelp("Where to write the evidence, or - for standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Attest to this Assay service and print the token.", valueName: "url"))
    var server: String?

    @Option(help: "Evidence encoding for --out: raw, hex or base64.")
    var encoding: EvidenceEncoding = .raw

    @Flag(help: "Mark the workload as running in debug mode (appraisal will contraindicate it).")
    var debug = false

    @Option(help: "The workload's security version number.")
    var svn: UInt32 = 0

    @Option(help: "Output format with --server: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard tee == .sample else {
            throw ValidationError("assay attest supports --tee sample in this build (got '\(tee)')")
        }
        if server == nil {
            guard runtimeData != nil, out != nil else {
                throw ValidationError("without --server, give --runtime-data and --out (or attest to a service with --server URL)")
            }
        }
    }

    func run() async throws {
        let given = try runtimeData.map {
            try RuntimeData(bytes: try InputFiles.read($0, what: "runtime data", limit: RuntimeData.maxBytes))
        }
        guard let server else {
            guard let given, let out else { throw CLIError.invalidArgument("--runtime-data and --out are required") }
            let evidence = try collect(given)
            try InputFiles.write(encoding.encode(evidence.bytes), to: out)
            if out != "-" {
                FileHandle.standardError.write(Data("wrote \(evidence.bytes.count)-byte \(tee) evidence to \(out)\n".utf8))
            }
            return
        }
        let client = AssayClient(baseURL: server)
        var members = given?.json ?? [:]
        if given != nil, given?.json == nil {
            throw CLIError.invalidArgument("--runtime-data must be a JSON object when used with --server")
        }
        members["nonce"] = .string(try await client.challenge())
        let runtime = RuntimeData(json: members)
        let evidence = try collect(runtime)
        if let out { try InputFiles.write(encoding.encode(evidence.bytes), to: out) }
        let response: JSONValue
        do {
            response = try await client.attest(tee: tee, evidence: evidence.bytes, runtimeData: runtime.bytes)
        } catch AttesterError.service(let status, let type, let detail) where status == 422 {
            FileHandle.standardError.write(Data("assay: evidence rejected by \(server) (\(type)): \(detail)\n".utf8))
            throw ExitStatus.rejected
        }
        switch format {
        case .json: print(response.prettyText)
        case .text: print(Self.render(response))
        }
    }

    /// Produces this TEE's evidence bound to the runtime data.
    func collect(_ runtime: RuntimeData) throws -> Evidence {
        let measurement = try WorkloadMeasurement.measure(path: URL(fileURLWithPath: workload))
        let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
        return Evidence(
            tee: .sample, bytes: try attester.attest(measurement: measurement, runtimeData: runtime, debug: debug, svn: svn))
    }

    static func render(_ response: JSONValue) -> String {
        var lines = ["Status:       \(response["status"]?.stringValue ?? "?")", "Trust vector:"]
        for component in TrustComponent.allCases {
            guard let value = response["trust_vector"]?[component.rawValue]?.integerValue else { continue }
            let claim = TrustClaim(rawValue: Int8(clamping: value))
            lines.append("  \(component.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(claim)")
        }
        for reason in response["reasons"]?.arrayValue ?? [] {
            lines.append(
                "Reason:       \(reason["component"]?.stringValue ?? ""): \(reason["check"]?.stringValue ?? "") — expected \(reason["expected"]?.stringValue ?? ""), observed \(reason["observed"]?.stringValue ?? "")"
            )
        }
        lines.append("Token:")
        lines.append("  \(response["token"]?.stringValue ?? "(none)")")
        return lines.joined(separator: "\n")
    }
}
