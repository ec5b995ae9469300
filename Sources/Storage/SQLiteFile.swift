#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The database file and its WAL companions are readable by the service's user only: a new file is created with
/// mode 0600 (SQLite gives `-wal` and `-shm` the mode of the database file), and an existing one with looser
/// permissions is tightened.
enum SQLiteFile {
    static let companions = ["", "-wal", "-shm"]

    static func prepare(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("cannot open SQLite database \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        for suffix in companions {
            var status = stat()
            guard stat(path + suffix, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            guard chmod(path + suffix, 0o600) == 0 else {
                throw StoreError.unavailable(
                    "\(path + suffix) is readable by other users and cannot be made private (\(String(cString: strerror(errno)))); chmod 600 it")
            }
        }
    }
}
