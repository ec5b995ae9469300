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

    @Option(
        name: .customLong("event-log"),
        help: ArgumentHelp("TDX: the CC event log to replay and show beside the quote.", valueName: "file"))
    var eventLog: String?

    @Option(
        name: .customLong("ccel-table"), help: ArgumentHelp("TDX: the ACPI CCEL table of --event-log.", valueName: "file"))
    var ccelTable: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        guard let inspector = Registry.inspectors.first(where: { $0.tee == tee }) else {
            throw CLIError.invalidArgument("no inspector for TEE '\(tee)'; supported: \(Registry.teeNames)")
        }
        var attachments: [String: [UInt8]] = [:]
        if let eventLog {
            attachments[Evidence.eventLogAttachment] = try InputFiles.read(eventLog, what: "event log", limit: Evidence.maxBytes)
        }
        if let ccelTable {
            attachments[Evidence.ccelTableAttachment] = try InputFiles.read(ccelTable, what: "CCEL table", limit: 4096)
        }
        let inspection = try inspector.inspect(
            Evidence(tee: tee, bytes: try InputFiles.evidence(file), attachments: attachments))
        switch format {
        case .text: print(inspection.text)
        case .json: print(inspection.json.prettyText)
        }
    }
}
