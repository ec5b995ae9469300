import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

/// Attested TLS end to end with the real binaries and independent peers: `assay tls proxy` (Sample TEE) in front of a
/// Python HTTP server, `tls connect` and `tls forward` judging it, OpenSSL and Python's `ssl` + `cryptography` +
/// `cbor2` reading its certificate, and the attacks the design answers (relay, replay, disabled TEE).
@Suite(.serialized) struct AttestedTLSProcessTests {
    final class Setup: @unchecked Sendable {
        let directory: URL
        let upstream: BackgroundProcess
        let upstreamPort: Int
        let workload: String

        init() async throws {
            directory = try AssayProcess.scratch()
            try Data("hello through attested TLS\n".utf8).write(to: directory.appendingPathComponent("index.html"))
            workload = directory.appendingPathComponent("app.bin").path
            try Data("the workload".utf8).write(to: URL(fileURLWithPath: workload))
            upstream = try BackgroundProcess(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "0"],
                directory: directory)
            upstreamPort = try await upstream.port(after: "port ")
        }

        /// `assay tls proxy` in front of the upstream; returns the process and its port.
        func proxy(_ extra: [String] = []) async throws -> (BackgroundProcess, Int) {
            let process = try BackgroundProcess(
                nil,
                ["tls", "proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:\(upstreamPort)", "--tee", "sample",
                 "--workload", workload] + extra, directory: directory)
            return (process, try await process.port(after: "assay: listening on 127.0.0.1:"))
        }

        func assay(_ arguments: [String]) throws -> AssayProcess.Result { try AssayProcess.run(arguments, in: directory) }

        /// Runs a program and returns its exit status and combined output.
        func run(_ arguments: [String], stdin: String = "") throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            let output = Pipe(), input = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }

        /// The server certificate OpenSSL receives from `port`, DER.
        func certificate(at port: Int) throws -> [UInt8] {
            let (_, output) = try run(["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-showcerts"])
            return try #require(try PEM.certificates(in: Array(output.utf8)).first, "no certificate from OpenSSL: \(output)")
        }
    }

    @Test func connectVerifiesTheProxyInFreshModeAndForwardCarriesHTTP() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy(["--fresh"])
        defer { proxy.stop() }

        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(port)", "--enable-tee", "sample", "--fresh", "--format", "json"])
        #expect(connected.status == 0, "\(connected.stdout)\(connected.stderr)")
        let result = try JSONValue(parsing: Array(connected.stdout.utf8))
        #expect(result["accepted"] == .bool(true))
        #expect(result["tee"] == .string("sample"))
        #expect(result["binding"]?["carrier"] == .string("id-pe-cmw"))
        #expect(result["binding"]?["nonce"]?.stringValue?.count == 32, "fresh mode: the certificate carries the client's nonce")
        #expect(result["binding"]?["key_hash"]?.stringValue == "sha-256:" + (result["binding"]?["spki_sha256"]?.stringValue ?? "-"))

        let forward = try BackgroundProcess(
            nil, ["tls", "forward", "--listen", "127.0.0.1:0", "--connect", "127.0.0.1:\(port)", "--enable-tee", "sample", "--fresh"],
            directory: setup.directory)
        defer { forward.stop() }
        let local = try await forward.port(after: "assay: listening on 127.0.0.1:")
        for _ in 0..<3 {
            let response = try RawSocket.get(port: local, path: "/index.html")
            #expect(response.hasPrefix("HTTP/1.0 200") && response.contains("hello through attested TLS"), "\(response)")
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(forward.output.components(separatedBy: "attested sample peer").count - 1 == 3, "\(forward.output)")
    }

    @Test func aPeerWhoseTEEIsNotEnabledIsRefusedAndForwardSendsNothing() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy()
        defer { proxy.stop() }
        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(port)"])
        #expect(connected.status == 1)
        #expect(connected.stdout.contains("REFUSED") && connected.stdout.contains("--enable-tee sample"), "\(connected.stdout)")

        let forward = try BackgroundProcess(nil, ["tls", "forward", "--listen", "127.0.0.1:0", "--connect", "127.0.0.1:\(port)"], directory: setup.directory)
        defer { forward.stop() }
        let local = try await forward.port(after: "assay: listening on 127.0.0.1:")
        let response = (try? RawSocket.get(port: local, path: "/index.html")) ?? ""
        #expect(!response.contains("hello"), "a refused peer must get no bytes: \(response)")
    }

    @Test func aStaticCertificateIsNotFreshForAClientThatSentANonce() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy()
        defer { proxy.stop() }
        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(port)", "--enable-tee", "sample", "--fresh"])
        #expect(connected.status == 1)
        #expect(connected.stdout.contains("not fresh"), "\(connected.stdout)")
    }

    @Test func openSSLSeesTheExtensionAndPythonChecksThePubkeyHash() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy()
        defer { proxy.stop() }
        let der = try setup.certificate(at: port)
        try Data(der).write(to: setup.directory.appendingPathComponent("peer.der"))
        let text = try setup.run(["openssl", "x509", "-inform", "DER", "-in", "peer.der", "-noout", "-text"])
        #expect(text.output.contains("1.3.6.1.5.5.7.1.35"), "\(text.output)")
        #expect(text.output.contains("application/vnd.assay.sample-evidence"))

        let python = try setup.run(["python3", "-c", Self.pubkeyHashCheck, String(port)])
        #expect(python.status == 0, "\(python.output)")
        #expect(python.output.contains("pubkey-hash binds the certificate key " + Hex.encode(SHA256.hash(data: try Self.spki(of: der)))))
    }

    @Test func aRelayPresentingTheGenuineExtensionsUnderItsOwnKeyIsRefused() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy()
        defer { proxy.stop() }
        let genuine = try Certificate(derEncoded: try setup.certificate(at: port))
        let relayKey = P256.Signing.PrivateKey()
        let relay = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(relayKey.publicKey), notValidBefore: genuine.notValidBefore,
            notValidAfter: genuine.notValidAfter, issuer: genuine.subject, subject: genuine.subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: genuine.extensions, issuerPrivateKey: .init(relayKey))
        var serializer = DER.Serializer()
        try serializer.serialize(relay)
        try PEM.encode(serializer.serializedBytes, label: "CERTIFICATE").write(
            to: setup.directory.appendingPathComponent("relay.pem"), atomically: true, encoding: .utf8)
        try relayKey.pemRepresentation.write(to: setup.directory.appendingPathComponent("relay.key"), atomically: true, encoding: .utf8)
        let relayPort = try Self.freePort()
        let server = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["openssl", "s_server", "-accept", "127.0.0.1:\(relayPort)", "-cert", "relay.pem", "-key", "relay.key", "-www"],
            directory: setup.directory)
        defer { server.stop() }
        try await server.waitFor("ACCEPT", timeout: .seconds(20))
        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(relayPort)", "--enable-tee", "sample"])
        #expect(connected.status == 1, "\(connected.stdout)")
        #expect(connected.stdout.contains("the evidence binds another key"), "\(connected.stdout)")
    }

    @Test func mutualModeNeedsTheClientsOwnEvidenceMintedForThisServer() async throws {
        let setup = try await Setup()
        let (proxy, port) = try await setup.proxy(["--mutual", "--enable-tee", "sample"])
        defer { proxy.stop() }
        let identity = ["--tee", "sample", "--workload", setup.workload]
        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(port)", "--enable-tee", "sample", "--format", "json"] + identity)
        #expect(connected.status == 0, "\(connected.stdout)\(connected.stderr)")
        let result = try JSONValue(parsing: Array(connected.stdout.utf8))
        #expect(result["accepted"] == .bool(true))
        #expect(result["binding"]?["peer_key_hash"] != nil, "the server's certificate names this client's key")
        try await Task.sleep(for: .milliseconds(200))
        #expect(proxy.output.contains("assay: client: attested sample peer"), "\(proxy.output)")

        let anonymous = try setup.assay(["tls", "connect", "127.0.0.1:\(port)", "--enable-tee", "sample"])
        #expect(anonymous.status == 1, "a client without its own evidence is refused: \(anonymous.stdout)")
        #expect(anonymous.stderr.contains("refused this client"), "\(anonymous.stderr)")

        let (strict, strictPort) = try await setup.proxy(["--mutual"])
        defer { strict.stop() }
        let refused = try setup.assay(["tls", "connect", "127.0.0.1:\(strictPort)", "--enable-tee", "sample"] + identity)
        #expect(refused.status == 1)
        try await Task.sleep(for: .milliseconds(200))
        #expect(strict.output.contains("assay: client: refused") && strict.output.contains("--enable-tee sample"), "\(strict.output)")
    }

    @Test func theVerifierItselfServesOverAttestedTLS() async throws {
        let setup = try await Setup()
        let serve = try BackgroundProcess(
            nil,
            ["serve", "--port", "0", "--log-level", "notice", "--enable-tee", "sample", "--database",
             "sqlite:" + setup.directory.appendingPathComponent("assay.sqlite").path, "--tls-attested", "--tee", "sample",
             "--workload", setup.workload, "--hostname", "verifier.example"],
            directory: setup.directory)
        defer { serve.stop() }
        let port = try await serve.port(after: " port=")
        #expect(serve.output.contains("issuer=https://"), "attested TLS makes the service an HTTPS issuer: \(serve.output)")
        let connected = try setup.assay(["tls", "connect", "127.0.0.1:\(port)", "--enable-tee", "sample", "--format", "json"])
        #expect(connected.status == 0, "\(connected.stdout)\(connected.stderr)")
        let result = try JSONValue(parsing: Array(connected.stdout.utf8))
        #expect(result["accepted"] == .bool(true) && result["tee"] == .string("sample"))

        let plain = try setup.assay(["serve", "--tee", "sample", "--workload", setup.workload])
        #expect(plain.status == 2 && plain.stderr.contains("--tee applies to assay serve only with --tls-attested"), "\(plain.stderr)")
    }

    /// Python's own TLS, X.509 and CBOR: the CMW collection's claims name SHA-256 of the certificate's SPKI.
    static let pubkeyHashCheck = """
        import hashlib, socket, ssl, sys
        import cbor2
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                der = tls.getpeercert(binary_form=True)
        certificate = x509.load_der_x509_certificate(der)
        value = certificate.extensions.get_extension_for_oid(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.35")).value.value
        collection = cbor2.loads(value)
        media_type, evidence, indicator = collection["evidence"]
        assert media_type == "application/vnd.assay.sample-evidence" and indicator == 4, collection["evidence"][0]
        claims = cbor2.loads(collection["claims"][1])
        algorithm, digest = cbor2.loads(claims["pubkey-hash"])
        spki = certificate.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        assert algorithm == 1, algorithm
        assert digest == hashlib.sha256(spki).digest(), "pubkey-hash does not name the certificate key"
        print("pubkey-hash binds the certificate key", digest.hex())
        """

    static func spki(of der: [UInt8]) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(try Certificate(derEncoded: der).publicKey)
        return serializer.serializedBytes
    }

    /// A port free a moment ago (for `openssl s_server`, which cannot report one it picked).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
