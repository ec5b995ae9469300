public import Foundation
public import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real software TPM (swtpm) for tests: manufactured with `swtpm_setup` (RSA and ECC EKs, EK and platform
/// certificates from a local CA of its own) in a temporary directory, served on free loopback ports, stopped and
/// deleted afterwards.
///
/// Tests call ``start(powered:)``: it returns nil when swtpm is not installed on a developer machine and records a
/// failure through `onMissing` in CI (`CI=true`), where `scripts/test.sh` installs it.
public final class Swtpm: @unchecked Sendable {
    /// The programs a swtpm test needs.
    public static let programs = ["swtpm", "swtpm_setup", "swtpm_localca"]

    /// The temporary directory holding the TPM state and the local CA.
    public let directory: URL
    /// The TPM command port (the control channel is on the next port).
    public let port: Int
    let process: Process
    let lock = NSLock()
    var stopped = false

    /// `swtpm:host=127.0.0.1,port=N`: the tpm2-tss TCTI syntax, also `assay attest --tpm`.
    public var address: String { "swtpm:host=127.0.0.1,port=\(port)" }
    /// The local CA's self-signed root (PEM).
    public var caRoot: URL { directory.appendingPathComponent("ca/swtpm-localca-rootca-cert.pem") }
    /// The local CA's issuing certificate (PEM), which signs the EK certificates.
    public var caIssuer: URL { directory.appendingPathComponent("ca/issuercert.pem") }

    /// The absolute path of `program` on PATH, if installed.
    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether swtpm and its tools are installed; in CI their absence is reported through `onMissing`.
    public static func isAvailable(onMissing: (String) -> Void) -> Bool {
        let missing = programs.filter { which($0) == nil }
        if missing.isEmpty { return true }
        if SharedVectors.isCI { onMissing("swtpm is missing (\(missing.joined(separator: ", "))); CI=true requires it: run scripts/test.sh") }
        return false
    }

    /// Whether suites that need swtpm run: when it is installed, and always in CI (where a missing swtpm fails them).
    public static var runnable: Bool { SharedVectors.isCI || isAvailable(onMissing: { _ in }) }

    /// Whether tpm2-tools (`tpm2_createek`, `tpm2_quote`, …) is installed, for tests that drive swtpm with it.
    public static var hasTPM2Tools: Bool { which("tpm2_quote") != nil }

    /// Fails the current test (it throws) unless tpm2-tools is installed; see ``Testing/Trait/tpm2Tools``.
    public static func requireTPM2Tools(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(hasTPM2Tools, "tpm2-tools is not installed (scripts/test.sh installs it)", sourceLocation: sourceLocation)
    }

    /// Manufactures and starts a swtpm; with `powered` false it waits for CMD_INIT on its control channel.
    public static func start(powered: Bool = true, onMissing: (String) -> Void) throws -> Swtpm? {
        guard isAvailable(onMissing: onMissing) else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-swtpm-\(UUID().uuidString)")
        let state = directory.appendingPathComponent("state")
        let ca = directory.appendingPathComponent("ca")
        for folder in [state, ca] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let setupConfig = directory.appendingPathComponent("swtpm_setup.conf")
        let caConfig = directory.appendingPathComponent("swtpm-localca.conf")
        let caOptions = directory.appendingPathComponent("swtpm-localca.options")
        try """
            create_certs_tool = \(which("swtpm_localca") ?? "/usr/bin/swtpm_localca")
            create_certs_tool_config = \(caConfig.path)
            create_certs_tool_options = \(caOptions.path)
            active_pcr_banks = sha1,sha256,sha384

            """.write(to: setupConfig, atomically: true, encoding: .utf8)
        try """
            statedir = \(ca.path)
            signingkey = \(ca.path)/signkey.pem
            issuercert = \(ca.path)/issuercert.pem
            certserial = \(ca.path)/certserial

            """.write(to: caConfig, atomically: true, encoding: .utf8)
        try "--platform-manufacturer Assay\n--platform-version 2.1\n--platform-model test\n"
            .write(to: caOptions, atomically: true, encoding: .utf8)
        let setup = try run(
            "swtpm_setup",
            [
                "--tpm2", "--tpm-state", state.path, "--config", setupConfig.path, "--create-ek-cert",
                "--create-platform-cert", "--pcr-banks", "sha1,sha256,sha384", "--overwrite",
            ])
        guard setup.status == 0 else {
            throw SwtpmError("swtpm_setup failed (\(setup.status)): \(setup.output)")
        }
        let port = try freePortPair()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: which("swtpm") ?? "/usr/bin/swtpm")
        process.arguments =
            [
                "socket", "--tpm2", "--tpmstate", "dir=\(state.path)",
                "--server", "type=tcp,port=\(port),bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=\(port + 1),bindaddr=127.0.0.1",
            ] + (powered ? ["--flags", "not-need-init,startup-clear"] : [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let tpm = Swtpm(directory: directory, port: port, process: process)
        try tpm.waitForListener()
        return tpm
    }

    init(directory: URL, port: Int, process: Process) {
        self.directory = directory
        self.port = port
        self.process = process
    }

    deinit { stop() }

    /// Stops swtpm and deletes its directory.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            // SIGKILL: swtpm inherits the test runner's blocked signals, so SIGTERM would never arrive.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a tpm2-tools program against this TPM (`TPM2TOOLS_TCTI=swtpm:…`) in `directory`.
    public func tpm2(_ program: String, _ arguments: [String], in workingDirectory: URL) throws -> (status: Int32, output: String) {
        try Self.run(program, arguments, in: workingDirectory, environment: ["TPM2TOOLS_TCTI": address])
    }

    /// Runs `program` and captures its status and combined output.
    public static func run(
        _ program: String, _ arguments: [String], in workingDirectory: URL? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        guard let path = which(program) else { throw SwtpmError("\(program) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A port p such that p and p + 1 are free on loopback right now.
    static func freePortPair() throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20000..<60000)
            if isFree(port), isFree(port + 1) { return port }
        }
        throw SwtpmError("no two consecutive free loopback ports found")
    }

    static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Waits until swtpm accepts connections on its control port (up to 10 s).
    func waitForListener() throws {
        for _ in 0..<100 {
            guard process.isRunning else { throw SwtpmError("swtpm exited with status \(process.terminationStatus)") }
            if !Self.isFree(port + 1) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw SwtpmError("swtpm did not listen on port \(port + 1) within 10 s")
    }
}

/// A swtpm harness failure.
public struct SwtpmError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
