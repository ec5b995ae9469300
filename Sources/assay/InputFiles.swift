import AttestationCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading the files a command names, with size bounds and clear errors.
enum InputFiles {
    /// Most files read from one collateral directory.
    static let maxCollateralFiles = 1000

    /// Reads a file (or standard input for `-`) of at most `limit` bytes.
    static func read(_ path: String, what: String, limit: Int) throws -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readData(ofLength: limit + 1)
            guard data.count <= limit else {
                throw CLIError.tooLarge(path: "(stdin)", what: what, size: data.count, limit: limit)
            }
            return Array(data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.unreadable(path: path, what: what, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw CLIError.unreadable(path: path, what: what, reason: "is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError.unreadable(path: path, what: what, reason: "permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw CLIError.unreadable(path: path, what: what, reason: error.localizedDescription)
        }
        guard data.count <= limit else {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? data.count
            throw CLIError.tooLarge(path: path, what: what, size: size, limit: limit)
        }
        return Array(data)
    }

    /// Reads evidence, detecting raw binary, hex or base64 text.
    static func evidence(_ path: String) throws -> [UInt8] {
        EvidenceEncoding.decode(try read(path, what: "evidence", limit: Evidence.maxBytes)).bytes
    }

    /// Reads collateral files, and every regular file directly inside collateral directories (sorted by name).
    static func collateral(_ paths: [String]) throws -> [CollateralItem] {
        var items: [CollateralItem] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.unreadable(path: path, what: "collateral", reason: "no such file or directory")
            }
            let files: [String]
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files = names.map { (path as NSString).appendingPathComponent($0) }.filter {
                    var nested: ObjCBool = false
                    return FileManager.default.fileExists(atPath: $0, isDirectory: &nested) && !nested.boolValue
                }
            } else {
                files = [path]
            }
            for file in files {
                items.append(
                    CollateralItem(source: file, bytes: try read(file, what: "collateral", limit: CollateralItem.maxBytes)))
                guard items.count <= maxCollateralFiles else {
                    throw CLIError.invalidArgument(
                        "more than \(maxCollateralFiles) collateral files; pass the ones this evidence needs")
                }
            }
        }
        return items
    }

    /// Writes bytes to a file (or standard output for `-`), creating it with `mode`.
    static func write(_ bytes: [UInt8], to path: String, mode: Int = 0o644) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: mode])
        else {
            throw CLIError.unwritable(path: path, reason: "check that the directory exists and is writable")
        }
    }

    /// Writes secret bytes to a new file that only the owner can read (created 0600 before any byte is written, so
    /// the value is never readable by others, not even briefly); refuses to replace an existing file.
    static func writePrivate(_ bytes: [UInt8], to path: String) throws {
        do { try PrivateFile.create(path, contents: bytes) } catch { throw CLIError.unwritable(path: path, reason: error.reason) }
    }
}
