#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets (keys, tokens): created readable by their owner only, never over an existing file and
/// never through a symbolic link, and flushed to disk before they are used.
public enum PrivateFile {
    /// Why a private file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The path.
        public let path: String
        /// What went wrong.
        public let reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Creates `path` with mode 0600 (`O_CREAT | O_EXCL | O_NOFOLLOW`) holding `bytes`, fsynced; fails if it exists.
    public static func create(_ path: String, contents bytes: [UInt8]) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST
                ? "it already exists; remove it first or choose another path (a secret never overwrites a file)"
                : String(cString: strerror(errno))
            throw WriteError(path: path, reason: reason)
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Creates `path` and missing parents with mode 0700; an existing directory must not be writable by others.
    public static func createDirectory(_ path: String) throws(WriteError) {
        guard !path.isEmpty else { return }
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & 0o022 == 0 else {
                throw WriteError(path: path, reason: "the directory is writable by other users; chmod 700 it")
            }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, parent != path { try createDirectory(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The permission bits of `path`, or nil when it does not exist.
    public static func mode(_ path: String) -> UInt32? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt32(status.st_mode & 0o777)
    }
}
