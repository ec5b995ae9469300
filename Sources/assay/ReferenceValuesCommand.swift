import ArgumentParser

/// `assay reference-values`: produce Assay reference-value documents from other formats.
struct ReferenceValuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-values",
        abstract: "Turn vendors' manifests and measurements into Assay reference values.",
        subcommands: [ReferenceValuesImportCommand.self])
}
