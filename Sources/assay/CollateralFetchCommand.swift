import ArgumentParser
import AttestationCore
import Foundation

/// `assay collateral fetch`: prefetch into the cache every vendor document this evidence needs.
struct CollateralFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch into the cache the vendor collateral the given evidence needs (prefetch for offline use).",
        discussion: """
            Verifies each piece of evidence with fetching on, so exactly the documents verification asks for are \
            fetched (AMD KDS: VCEK, cert_chain, CRL; Intel PCS or $ASSAY_PCCS_URL: TCB info, QE identity, CRLs) \
            and cached; the verdict itself is not printed. Lists every URL asked for; exit 2 when any could not \
            be had, naming each URL and why.
            """)

    @Option(help: "The TEE that produced the evidence (snp, tdx, sgx).")
    var tee: TEEKind

    @Option(help: ArgumentHelp("An evidence file (raw, hex or base64). Repeatable.", valueName: "file"))
    var evidence: [String]

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Fetch what verification as of this RFC 3339 instant needs. Default: now.", valueName: "time"))
    var asOf: String?

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    func validate() throws {
        guard !evidence.isEmpty else { throw ValidationError("give at least one --evidence file") }
        if let asOf, RFC3339.parse(asOf) == nil {
            throw ValidationError("--as-of must be an RFC 3339 timestamp such as 2024-12-11T22:14:21Z, got '\(asOf)'")
        }
    }

    func run() async throws {
        guard let verifier = Registry.verifiers.first(where: { $0.tee == tee }) else {
            throw CLIError.invalidArgument("no verifier for TEE \(tee.rawValue)")
        }
        let recorder = RecordingCollateralProvider(cache.provider(fetching: true))
        var errors: [String] = []
        for path in evidence {
            let context = VerificationContext(
                asOf: asOf.flatMap(RFC3339.parse) ?? Date(), collateralProvider: recorder, allowsPartialCollateral: true)
            do {
                _ = try await verifier.verify(Evidence(tee: tee, bytes: try InputFiles.evidence(path)), context: context)
            } catch {
                errors.append("\(path): \(error)")
            }
        }
        let records = recorder.records
        for record in records {
            print("\(record.failure == nil ? "cached" : "failed") \(record.url)\(record.failure.map { ": \($0)" } ?? "")")
        }
        print("\(records.filter { $0.failure == nil }.count) of \(records.count) document(s) in \(cache.directory.path)")
        let failed = records.filter { $0.failure != nil }.map(\.url)
        guard errors.isEmpty, failed.isEmpty else {
            throw CLIError.invalidArgument(
                (errors + (failed.isEmpty ? [] : ["not fetched: \(failed.joined(separator: ", "))"])).joined(separator: "\n"))
        }
    }
}
