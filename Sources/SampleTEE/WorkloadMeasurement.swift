public import Foundation
import Crypto

/// Measures a workload the way the Sample TEE does: SHA-384.
///
/// - A file: SHA-384 of its contents (equal to `sha384sum FILE`).
/// - A directory: SHA-384 over its regular files in sorted relative-path order, each contributing
///   `path ‖ 0x00 ‖ size (8 bytes, big-endian) ‖ contents`; symbolic links are not followed.
public enum WorkloadMeasurement {
    /// Most files measured in one directory walk.
    public static let maxFiles = 100_000

    /// SHA-384 of bytes.
    public static func measure(bytes: [UInt8]) -> [UInt8] {
        Array(SHA384.hash(data: bytes))
    }

    /// Measures a file or directory.
    public static func measure(path: URL) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            throw SampleTEEError.unreadableWorkload(path: path.path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            var hasher = SHA384()
            try stream(path) { hasher.update(data: $0) }
            return Array(hasher.finalize())
        }
        var hasher = SHA384()
        for relative in try regularFiles(under: path) {
            let file = path.appendingPathComponent(relative)
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? UInt64 ?? 0
            hasher.update(data: Array(relative.utf8) + [0])
            hasher.update(data: (0..<8).reversed().map { UInt8(truncatingIfNeeded: size >> (8 * UInt64($0))) })
            try stream(file) { hasher.update(data: $0) }
        }
        return Array(hasher.finalize())
    }

    /// Relative paths of the regular files under `root`, sorted by their UTF-8 bytes.
    static func regularFiles(under root: URL) throws -> [String] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else {
            throw SampleTEEError.unreadableWorkload(path: root.path, reason: "cannot list the directory")
        }
        let rootPath = root.standardizedFileURL.path
        var files: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            files.append(String(full.dropFirst(rootPath.count).drop(while: { $0 == "/" })))
            guard files.count <= maxFiles else {
                throw SampleTEEError.unreadableWorkload(
                    path: root.path, reason: "more than \(maxFiles) files; measure a smaller tree")
            }
        }
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Reads a file in chunks.
    static func stream(_ file: URL, _ consume: ([UInt8]) -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            throw SampleTEEError.unreadableWorkload(path: file.path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw SampleTEEError.unreadableWorkload(path: file.path, reason: "\(error)")
            }
            guard let chunk, !chunk.isEmpty else { return }
            consume(Array(chunk))
        }
    }
}
