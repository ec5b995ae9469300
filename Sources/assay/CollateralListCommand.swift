import ArgumentParser
import AttestationCore
import Foundation

/// `assay collateral list`: what the cache holds, for which URL, valid from when until when.
struct CollateralListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the cached collateral: URL, what it is, fetched when, valid from and until.")

    @OptionGroup(title: "Collateral cache")
    var cache: CollateralCacheOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let entries = try cache.provider(fetching: false).entries()
        let rows = entries.map { ($0, CachedCollateralDescription($0)) }
        switch format {
        case .json:
            print(JSONValue.array(rows.map { entry, description in
                var object = description.json.objectValue ?? [:]
                object["url"] = .string(entry.url)
                object["fetched_at"] = .string(RFC3339.format(entry.fetchedAt))
                object["bytes"] = .integer(Int64(entry.response.body.count))
                return .object(object)
            }).prettyText)
        case .text:
            for (entry, description) in rows {
                let window = "\(description.validFrom.map(RFC3339.format) ?? "?") to \(description.validUntil.map(RFC3339.format) ?? "?")"
                print("\(description.kind)\n  \(entry.url)\n  fetched \(RFC3339.format(entry.fetchedAt)), valid \(window)")
            }
            print("\(rows.count) document(s) in \(cache.directory.path)")
        }
    }
}
