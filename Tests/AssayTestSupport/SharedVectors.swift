public import AttestationCore
public import Foundation
public import Testing

/// The real-hardware vectors in `../shared/vectors` (or `$ASSAY_VECTORS`), described by `expected.jsonl`.
///
/// A test that reads them carries the ``Testing/Trait/sharedVectors`` trait (skipped, with the reason, when they
/// are absent on a developer machine; run in CI) and fails through ``require(sourceLocation:)``, ``all(sourceLocation:)``
/// or ``vector(_:sourceLocation:)`` when they are absent, so CI can never pass having checked nothing.
public enum SharedVectors {
    /// The package root (two levels above this file's directory).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The vectors directory.
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["ASSAY_VECTORS"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")
    }

    /// The OPA conformance suite directory.
    public static var opaConformance: URL {
        if let override = ProcessInfo.processInfo.environment["ASSAY_OPA_CONFORMANCE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/opa-conformance")
    }

    /// Whether this run is in CI, where missing shared data is an error.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the shared vectors are where ``root`` says.
    public static var exists: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Whether tests that need the vectors run: when they are present, and always in CI (where they then fail).
    public static var runnable: Bool { exists || isCI }

    /// Why a test that needs the vectors did not run, and how to provide them.
    public static var missingReason: String {
        "shared vectors not found at \(root.path); set ASSAY_VECTORS to the vectors folder (CI=true makes this a failure)"
    }

    /// Fails the current test (it throws) unless the vectors are present.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(exists, Comment(rawValue: missingReason), sourceLocation: sourceLocation)
    }

    /// One line of `expected.jsonl`.
    public struct Vector: Sendable {
        /// The whole line.
        public let json: JSONValue
        public var id: String { json["id"]?.stringValue ?? "" }
        public var platform: String { json["platform"]?.stringValue ?? "" }
        public var format: String { json["format"]?.stringValue ?? "" }
        public var expectedValid: Bool { json["expected_valid"]?.boolValue ?? false }
        public var fields: JSONValue { json["fields"] ?? .object([:]) }
        public var checks: JSONValue { json["checks"] ?? .object([:]) }
        public var mutation: String? { json["mutation"]?.stringValue }
        public var tamperedFrom: String? { json["tampered_from"]?.stringValue }
        /// `suggested_as_of`, if any.
        public var suggestedAsOf: Date? { json["suggested_as_of"]?.stringValue.flatMap(RFC3339.parse) }
        /// `validity_window` bounds, if any.
        public var validityWindow: (notBefore: Date, notAfter: Date)? {
            guard let window = json["validity_window"],
                let start = window["not_before"]?.stringValue.flatMap(RFC3339.parse),
                let end = window["not_after"]?.stringValue.flatMap(RFC3339.parse)
            else { return nil }
            return (start, end)
        }
        /// The files for a role (`report`, `vcek`, `quote`, `ca`, …): one path or a list, under the vectors root.
        public func files(_ role: String) -> [URL] {
            let value = json["files"]?[role]
            let paths = value?.arrayValue?.compactMap(\.stringValue) ?? value?.stringValue.map { [$0] } ?? []
            return paths.map { SharedVectors.root.appendingPathComponent($0) }
        }
        /// The (first) file for a role.
        public func file(_ role: String) -> URL? { files(role).first }
        /// The bytes of the file for a role.
        public func bytes(_ role: String) throws -> [UInt8]? {
            try file(role).map { Array(try Data(contentsOf: $0)) }
        }
    }

    /// Every vector in `expected.jsonl`; fails the current test (it throws) when the vectors are absent.
    public static func all(sourceLocation: SourceLocation = #_sourceLocation) throws -> [Vector] {
        try require(sourceLocation: sourceLocation)
        let url = root.appendingPathComponent("expected.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map { Vector(json: try JSONValue(parsing: String($0))) }
    }

    /// The vectors of one platform (`snp`, `tdx`, `sgx`, `tpm`, …); fails the current test when they are absent.
    public static func platform(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Vector] {
        try all(sourceLocation: sourceLocation).filter { $0.platform == name }
    }

    /// The vector with this id; fails the current test (it throws) when the vectors are absent or no vector has it,
    /// so a renamed vector cannot let a test pass having checked nothing.
    public static func vector(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Vector {
        try #require(
            try all(sourceLocation: sourceLocation).first { $0.id == id },
            "no vector \(id) in \(root.appendingPathComponent("expected.jsonl").path)", sourceLocation: sourceLocation)
    }
}
