public import Foundation
import Crypto

/// An on-disk cache in front of a vendor collateral source, so verification keeps working offline.
///
/// A cached document younger than ``maxAge`` is served without asking upstream; an older one is refreshed, and
/// served stale when upstream fails. Whether a document is still *valid* (CRL next update, TCB info window) is
/// for the verifier to judge at its as-of instant; the cache only avoids needless fetches. Documents can be
/// imported for offline use with ``store(_:for:)`` (`assay collateral import`), listed with ``entries()`` and
/// removed with ``remove(_:)``.
public struct CachedCollateralProvider: CollateralProvider {
    /// The source asked on a miss; nil for a purely offline cache.
    public let upstream: (any CollateralProvider)?
    /// The directory holding the cache (created on first write, mode 0700).
    public let directory: URL
    /// How long a fetched document is served without asking upstream again.
    public let maxAge: TimeInterval
    /// The clock used for ages.
    public let clock: any TimeSource

    public init(
        upstream: (any CollateralProvider)?,
        directory: URL,
        maxAge: TimeInterval = 24 * 3600,
        clock: any TimeSource = SystemTimeSource()
    ) {
        self.upstream = upstream
        self.directory = directory
        self.maxAge = maxAge
        self.clock = clock
    }

    public func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
        let cached = try? load(request.cacheKey)
        if let cached, clock.now().timeIntervalSince(cached.fetchedAt) < maxAge {
            return cached.response
        }
        guard let upstream else {
            if let cached { return cached.response }
            throw AttestationCoreError.collateralUnavailable(url: request.description, reason: "not in the offline cache")
        }
        do {
            let response = try await upstream.fetch(request)
            try? store(response, for: request.cacheKey)
            return response
        } catch {
            if let cached { return cached.response }
            throw error
        }
    }

    /// Writes a document into the cache (also the offline import path); the write is atomic.
    public func store(_ response: CollateralResponse, for url: String, fetchedAt: Date? = nil) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let meta: JSONValue = .object([
            "url": .string(url),
            "fetched_at": .string(RFC3339.format(fetchedAt ?? clock.now())),
            "headers": .object(response.headers.mapValues { .string($0) }),
        ])
        let base = directory.appendingPathComponent(Self.key(for: url))
        try Data(response.body).write(to: base.appendingPathExtension("body"), options: .atomic)
        try Data(meta.prettyText.utf8).write(to: base.appendingPathExtension("json"), options: .atomic)
    }

    /// One cached document.
    public struct Entry: Sendable {
        /// The URL it answers.
        public let url: String
        /// The response body and headers.
        public let response: CollateralResponse
        /// When it was fetched or imported.
        public let fetchedAt: Date
    }

    /// Every document in the cache, by URL; unreadable entries are skipped (a cache is rebuilt by fetching).
    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        return names.sorted().compactMap { name -> Entry? in
            let meta = try? JSONValue(parsing: Array(try Data(contentsOf: directory.appendingPathComponent(name))))
            guard let url = meta?["url"]?.stringValue, Self.key(for: url) + ".json" == name else { return nil }
            return try? load(url)
        }
    }

    /// Removes the document cached for `url` (nothing when there is none).
    public func remove(_ url: String) throws {
        let base = directory.appendingPathComponent(Self.key(for: url))
        for suffix in ["json", "body"] where FileManager.default.fileExists(atPath: base.appendingPathExtension(suffix).path) {
            try FileManager.default.removeItem(at: base.appendingPathExtension(suffix))
        }
    }

    func load(_ url: String) throws -> Entry? {
        let base = directory.appendingPathComponent(Self.key(for: url))
        guard FileManager.default.fileExists(atPath: base.appendingPathExtension("json").path) else { return nil }
        let meta = try JSONValue(parsing: Array(try Data(contentsOf: base.appendingPathExtension("json"))))
        let body = Array(try Data(contentsOf: base.appendingPathExtension("body")))
        guard meta["url"]?.stringValue == url,
            let fetched = meta["fetched_at"]?.stringValue.flatMap(RFC3339.parse)
        else { return nil }
        let headers = (meta["headers"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return Entry(url: url, response: CollateralResponse(body: body, headers: headers), fetchedAt: fetched)
    }

    /// The file name for a URL: SHA-256 of the URL, so any URL maps to a safe name.
    static func key(for url: String) -> String {
        Hex.encode(SHA256.hash(data: Array(url.utf8)))
    }
}
