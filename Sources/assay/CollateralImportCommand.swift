import ArgumentParser
import AttestationCore
import DCAP
import Foundation
import SEVSNP

/// `assay collateral import`: vendor files into the cache, each under the URL it answers.
struct CollateralImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import vendor collateral files into the cache, each under the vendor URL it answers.",
        discussion: """
            Accepts AMD KDS responses (VCEK DER, cert_chain PEM, ARK CRL), Intel PCS TCB info and QE identity JSON \
            (with the TCB signing chain as a PEM file among the inputs: it becomes the issuer-chain header PCS \
            sends), PCK and root CA CRLs (DER, PEM or hex), and dcap-qvl collateral bundles; directories are read \
            one level deep. Of several documents for one URL the newest is kept. Exit 2 when nothing could be \
            imported.
            """)

    @Argument(help: ArgumentHelp("Collateral files or directories.", valueName: "file-or-dir"))
    var paths: [String]

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    func run() throws {
        let items = try InputFiles.collateral(paths)
        var intel = try DCAPCollateral(items: [])
        var amd = SNPCollateral()
        var skipped: [String] = []
        for item in items {
            var intelError: (any Error)?
            var amdError: (any Error)?
            do { try intel.add(item) } catch { intelError = error }
            do { try amd.add(item.bytes, source: item.source) } catch { amdError = error }
            // Each vendor's parser refuses the other's files; only a file both refuse (or malformed Intel JSON,
            // which AMD never reads) is reported.
            if let intelError, amdError != nil || item.bytes.first == UInt8(ascii: "{") {
                skipped.append("\(item.source): \(intelError)")
            }
        }
        let (intelDocuments, intelSkipped) = Registry.intelPCS.imports(from: intel)
        let (amdDocuments, amdSkipped) = Registry.amdKDS.imports(from: amd)
        skipped += intelSkipped + amdSkipped
        var newest: [String: ImportedCollateral] = [:]
        for document in intelDocuments + amdDocuments where (newest[document.url]?.issued ?? .distantPast) <= document.issued {
            newest[document.url] = document
        }
        let provider = cache.provider(fetching: false)
        for document in newest.values.sorted(by: { $0.url < $1.url }) {
            try provider.store(document.response, for: document.url)
            print("imported \(document.description)\n  as \(document.url)")
        }
        for reason in skipped { print("skipped: \(reason)") }
        print("\(newest.count) document(s) in \(provider.directory.path)")
        guard !newest.isEmpty else {
            throw CLIError.invalidArgument("nothing in \(paths.joined(separator: ", ")) is collateral a vendor serves")
        }
    }
}
