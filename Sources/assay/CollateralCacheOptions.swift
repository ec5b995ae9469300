import ArgumentParser
import AttestationCore
import Foundation
import HTTPCollateral

/// Where vendor collateral is cached and how long one vendor request may take; shared by `verify`, `serve` and
/// `collateral`.
struct CollateralCacheOptions: ParsableArguments {
    /// The cache used when none is named.
    static var defaultDirectory: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/assay/collateral")
    }

    @Option(
        name: .customLong("collateral-cache"),
        help: ArgumentHelp(
            "The on-disk collateral cache (default: ~/.cache/assay/collateral). Fill it with 'assay collateral "
                + "import' or 'assay collateral fetch'; without fetching it is used offline.",
            valueName: "dir"))
    var collateralCache: String?

    @Option(
        name: .customLong("fetch-timeout"),
        help: ArgumentHelp(
            "Seconds one request to a vendor (AMD KDS, Intel PCS, a PCCS) may take, name resolution included.",
            valueName: "seconds"))
    var fetchTimeout: Int = 5

    func validate() throws {
        guard (1...300).contains(fetchTimeout) else {
            throw ValidationError("--fetch-timeout must be between 1 and 300 seconds, got \(fetchTimeout)")
        }
    }

    /// The cache directory.
    var directory: URL { collateralCache.map { URL(fileURLWithPath: $0) } ?? Self.defaultDirectory }

    /// The cache, with the vendors behind it when `fetching`.
    func provider(fetching: Bool) -> CachedCollateralProvider {
        CachedCollateralProvider(
            upstream: fetching ? HTTPCollateralProvider(timeoutSeconds: Int64(fetchTimeout)) : nil, directory: directory)
    }
}
