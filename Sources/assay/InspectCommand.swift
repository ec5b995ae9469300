import ArgumentParser
import AttestationCore

/// `assay inspect`: print every field of a piece of evidence without verifying it.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Pretty-print evidence without verifying it.",
        discussion: "Nothing is verified: the output says what the evidence claims, not whether to believe it."
    )

    @Option(help: "The TEE that produced the evidence (\(Registry.teeNames)).")
    var tee: TEEKind

    @Argument(help: ArgumentHelp("The evidence file (raw, hex or base64), or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Evidence attachments (TPM, TDX, Azure CVM)")
    var attached: EvidenceAttachmentOptions

    func validate() throws {
        try attached.validate(for: tee)
    }

    func run() async throws {
        guard let inspector = Registry.inspectors.first(where: { $0.tee == tee }) else {
            throw CLIError.invalidArgument("no inspector for TEE '\(tee)'; supported: \(Registry.teeNames)")
        }
        let inspection = try inspector.inspect(
            Evidence(tee: tee, bytes: try InputFiles.evidence(file), attachments: try attached.attachments()))
        switch format {
        case .text: print(inspection.text)
        case .json: print(inspection.json.prettyText)
        }
    }
}
