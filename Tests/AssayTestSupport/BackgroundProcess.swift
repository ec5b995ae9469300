public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running helper process (`assay tls proxy`, a Python HTTP server, `openssl s_server`) whose output goes to
/// a log file; the harness waits for the line that names the port it bound (port 0 up front avoids races).
public final class BackgroundProcess: @unchecked Sendable {
    public let process = Process()
    let log: URL

    /// Starts `executable arguments…` in `directory` (the `assay` binary when `executable` is nil).
    public init(_ executable: URL? = nil, _ arguments: [String], directory: URL) throws {
        log = directory.appendingPathComponent("process-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = executable ?? AssayProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// What the process printed.
    public var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until a line contains `marker` followed by a port number (`assay: listening on 127.0.0.1:` or
    /// `port `), and returns that port.
    public func port(after marker: String, timeout: Duration = .seconds(60)) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            for line in output.split(separator: "\n") {
                guard let range = line.range(of: marker) else { continue }
                let digits = line[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            guard process.isRunning else { throw BackgroundProcessError.exited(status: process.terminationStatus, log: output) }
            guard clock.now < deadline else { throw BackgroundProcessError.timedOut(marker: marker, log: output) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until a line contains `marker`.
    public func waitFor(_ marker: String, timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !output.contains(marker) {
            guard process.isRunning else { throw BackgroundProcessError.exited(status: process.terminationStatus, log: output) }
            guard clock.now < deadline else { throw BackgroundProcessError.timedOut(marker: marker, log: output) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops the process.
    public func stop() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Why a background process gave no port.
public enum BackgroundProcessError: Error, CustomStringConvertible {
    case exited(status: Int32, log: String)
    case timedOut(marker: String, log: String)

    public var description: String {
        switch self {
        case .exited(let status, let log): return "the process exited with \(status):\n\(log)"
        case .timedOut(let marker, let log): return "no line with '\(marker)' (and a port, where one was expected):\n\(log)"
        }
    }
}
