public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real `assay serve` process on a loopback port the kernel picks, for replica and crash tests.
///
/// The process binds port 0 and the harness reads the bound port from its "listening" log line: choosing a free
/// port up front races with every other test that does the same, and a process that lost the race would look
/// healthy by answering through someone else's server.
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    let log: URL
    private let boundPort = Mutex<Int?>(nil)

    /// The port the process listens on, once ``waitUntilHealthy(timeout:)`` returned.
    public var port: Int { boundPort.withLock { $0 } ?? 0 }

    /// The service URL.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `assay serve --port 0 arguments…` with `environment` added, in `directory`; the Sample TEE is enabled
    /// unless `sample` is false; `openFiles` lowers the process's open-files limit (`ulimit -n`).
    public init(
        arguments: [String], environment: [String: String], directory: URL, sample: Bool = true, openFiles: Int? = nil
    ) throws {
        log = directory.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let serve = ["serve", "--port", "0", "--log-level", "notice"] + (sample ? ["--enable-tee", "sample"] : []) + arguments
        if let openFiles {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(openFiles) && exec \"$0\" \"$@\"", AssayProcess.executable.path] + serve
        } else {
            process.executableURL = AssayProcess.executable
            process.arguments = serve
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits until `/healthz` answers 200 or the process exits.
    ///
    /// Probes once more after every sleep, even a late one: when CPU-bound tests keep the cooperative threads busy,
    /// this task may wake after the deadline, and the server has been ready all along.
    public func waitUntilHealthy(timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            guard process.isRunning else {
                throw ServeProcessError.exited(status: process.terminationStatus, log: output)
            }
            if let port = listeningPort(),
                (try? RawSocket.get(port: port, path: "/healthz"))?.hasPrefix("HTTP/1.1 200") == true
            {
                boundPort.withLock { $0 = port }
                return
            }
            guard clock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServeProcessError.notHealthy(log: output)
    }

    /// The port from the "listening" line the server logs once it is bound.
    func listeningPort() -> Int? {
        for line in output.split(separator: "\n") where line.hasSuffix(" listening") {
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("port=") }) else { continue }
            return Int(field.dropFirst("port=".count))
        }
        return nil
    }

    /// What the process printed.
    public var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// SIGKILL: no chance to clean up.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM: graceful shutdown; returns the exit status.
    @discardableResult
    public func terminate() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { kill() }
}

/// Why a served process did not come up.
public enum ServeProcessError: Error, CustomStringConvertible {
    case exited(status: Int32, log: String)
    case notHealthy(log: String)

    public var description: String {
        switch self {
        case .exited(let status, let log): return "assay serve exited with \(status):\n\(log)"
        case .notHealthy(let log): return "assay serve did not become healthy:\n\(log)"
        }
    }
}

/// Minimal blocking HTTP/1.1 GET over a socket, for health checks that must not depend on the code under test.
public enum RawSocket {
    public static func get(port: Int, path: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        // Everything until the server closes (Connection: close), up to 64 KiB or the receive timeout.
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while response.count < 64 * 1024 {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { break }
            response += buffer.prefix(received)
        }
        return String(decoding: response, as: UTF8.self)
    }
}
