import ArgumentParser

/// `assay measure`: compute what a TEE's launch measurement should be, as reference values.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Compute a TEE's expected launch measurement from the firmware, vCPUs and kernel you deploy.",
        subcommands: [MeasureSNPCommand.self, MeasureTDXCommand.self])
}
