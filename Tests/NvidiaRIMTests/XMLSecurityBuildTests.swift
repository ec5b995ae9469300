import AssayTestSupport
import Foundation
import Testing

/// SwiftPM drops the `-D` flags pkg-config gives for xmlsec, so `Sources/CXMLSec/shim.h` defines them itself; they
/// select xmlsec's crypto engine and ABI and must be exactly what this machine's pkg-config says.
struct XMLSecurityBuildTests {
    @Test func theShimDefinesWhatPkgConfigGives() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--cflags", "xmlsec1-openssl"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "pkg-config xmlsec1-openssl (install libxmlsec1-dev and pkg-config)")
        let flags = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let definitions = flags.filter { $0.hasPrefix("-D") }.map { $0.dropFirst(2).split(separator: "=", maxSplits: 1) }
        try #require(definitions.contains { $0.first == "XMLSEC_CRYPTO_OPENSSL" })
        let shim = try String(
            contentsOf: SharedVectors.packageRoot.appendingPathComponent("Sources/CXMLSec/shim.h"), encoding: .utf8)
        for definition in definitions {
            let name = String(definition[0])
            let value = definition.count > 1 ? String(definition[1]) : "1"
            #expect(shim.contains("#define \(name) \(value)\n"), "shim.h lacks #define \(name) \(value)")
        }
    }
}
