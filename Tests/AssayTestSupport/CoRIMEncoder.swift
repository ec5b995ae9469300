import AttestationCore
import Foundation
import Testing

/// The independent encoder: scripts/interop/make_corim.py builds a CoRIM with Python's cbor2 from a JSON description
/// in the CDDL's terms. A missing python3 or cbor2 fails the test (scripts/test.sh installs both).
public enum CoRIMEncoder {
    /// scripts/interop/make_corim.py in this checkout.
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/interop/make_corim.py").path

    /// The CBOR the script writes for `spec`.
    public static func encode(_ spec: JSONValue) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let specFile = directory.appendingPathComponent("spec.json"), out = directory.appendingPathComponent("out.cbor")
        try Data(spec.compactBytes).write(to: specFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, specFile.path, out.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make_corim.py failed (python3 with cbor2 and cryptography needed): \(problems)")
        return Array(try Data(contentsOf: out))
    }

    /// `count` bytes of a recognisable pattern, in hex.
    public static func hex(_ count: Int, _ seed: UInt8) -> String {
        Hex.encode((0..<count).map { UInt8(truncatingIfNeeded: $0) &+ seed })
    }
}
