import ArgumentParser
import AttestationCore
import Foundation

/// `assay collateral prune`: remove cached documents that are no longer valid or were fetched long ago.
struct CollateralPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove cached collateral whose validity has ended, or that was fetched more than N days ago.",
        discussion: """
            Keep expired documents if you verify evidence as of past instants: an offline verifier needs the \
            documents that were in force then.
            """)

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    @Flag(help: "Remove documents whose next update (CRL, TCB info, QE identity) or notAfter has passed.")
    var expired = false

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Remove documents fetched more than this many days ago.", valueName: "days"))
    var olderThan: Int?

    func validate() throws {
        guard expired || olderThan != nil else { throw ValidationError("say what to prune: --expired, --older-than DAYS, or both") }
        if let olderThan, olderThan < 0 { throw ValidationError("--older-than must not be negative") }
    }

    func run() throws {
        let provider = cache.provider(fetching: false)
        let now = Date()
        var removed = 0
        for entry in try provider.entries() {
            let old = olderThan.map { entry.fetchedAt < now.addingTimeInterval(-Double($0) * 86400) } ?? false
            guard old || (expired && CachedCollateralDescription(entry).expired(at: now)) else { continue }
            try provider.remove(entry.url)
            print("removed \(entry.url)")
            removed += 1
        }
        print("\(removed) document(s) removed from \(cache.directory.path)")
    }
}
