import ArgumentParser

/// `assay collateral`: the on-disk cache of vendor collateral that `verify` and `serve` read, for offline use.
struct CollateralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collateral",
        abstract: "Fill, list and prune the vendor collateral cache (AMD KDS, Intel PCS documents) for offline use.",
        discussion: """
            The cache holds one document per vendor URL, as the vendor served it (with Intel's issuer-chain \
            headers). 'assay verify --collateral-cache DIR' and 'assay serve --collateral-cache DIR' read it without \
            the network; with --fetch-collateral they fetch what is missing through it.

            Examples:
              assay collateral import ~/intel-collateral/ vcek.der cert_chain.pem     # files as vendors serve them
              assay collateral fetch --tee snp --evidence report.bin                   # what this evidence needs
              assay collateral list --format json
              assay collateral prune --expired
            """,
        subcommands: [
            CollateralImportCommand.self, CollateralFetchCommand.self, CollateralListCommand.self,
            CollateralPruneCommand.self,
        ]
    )
}
