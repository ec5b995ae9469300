import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import NvidiaGPU
import PKI
import Testing

/// Device revocation through OCSP, against OpenSSL's responder (`openssl ocsp -index …`) as the independent
/// implementation: a synthetic device chain (test root → leaf, P-384) signs a synthetic SPDM report; the verifier
/// asks "the responder" through the collateral provider and must accept good, refuse revoked, stale and
/// foreign-signed answers by name, and note (not fail) when nothing can be fetched and partial collateral is allowed.
@Suite(.serialized)
struct DeviceRevocationTests {
    /// A throwaway PKI made with the openssl command line, and a responder answering from its index.
    final class TestPKI: CollateralProvider, @unchecked Sendable {
        let directory: URL
        var days = 1
        var signerName = "root"
        private(set) var requests = 0

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-ocsp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for name in ["root", "other"] {
                try openssl(["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "\(name).key"])
                try openssl(["req", "-x509", "-new", "-key", "\(name).key", "-subj", "/CN=Test Device Root \(name)", "-days", "3650",
                             "-sha384", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                             "-out", "\(name).pem"])
            }
            try openssl(["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "leaf.key"])
            try openssl(["req", "-new", "-key", "leaf.key", "-subj", "/CN=Test GPU FMC LF", "-out", "leaf.csr"])
            try Data("keyUsage=critical,digitalSignature\n".utf8).write(to: directory.appendingPathComponent("leaf.ext"))
            try openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "4660",
                         "-days", "3650", "-sha384", "-extfile", "leaf.ext", "-out", "leaf.pem"])
            try index(revoked: false)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func path(_ name: String) -> URL { directory.appendingPathComponent(name) }

        @discardableResult
        func openssl(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.currentDirectoryURL = directory
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw AttestationCoreError.collateralUnavailable(url: "openssl \(arguments.first ?? "")", reason: text)
            }
            return text
        }

        /// The responder's database: the leaf (serial 0x1234) valid, or revoked.
        func index(revoked: Bool) throws {
            let status = revoked ? "R\t351231000000Z\t240101000000Z,keyCompromise" : "V\t351231000000Z\t"
            try Data("\(status)\t1234\tunknown\t/CN=Test GPU FMC LF\n".utf8).write(to: path("index.txt"))
        }

        /// Answers an OCSP request with `openssl ocsp` signed by `signerName`'s key.
        func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
            requests += 1
            let body = try #require(request.body)
            #expect(body.contentType == "application/ocsp-request")
            try Data(body.bytes).write(to: path("request.der"))
            try openssl(["ocsp", "-index", "index.txt", "-CA", "root.pem", "-rsigner", "\(signerName).pem", "-rkey", "\(signerName).key",
                         "-reqin", "request.der", "-respout", "response.der", "-ndays", String(days)])
            return CollateralResponse(body: Array(try Data(contentsOf: path("response.der"))))
        }

        /// A one-block SPDM exchange over `nonce`, signed by the leaf key.
        func report(nonce: [UInt8]) throws -> [UInt8] {
            let key = try P384.Signing.PrivateKey(pemRepresentation: String(decoding: try Data(contentsOf: path("leaf.key")), as: UTF8.self))
            let request: [UInt8] = [0x11, 0xE0, 0x01, 0xFF] + nonce + [0x00]
            let block: [UInt8] = [0x01, 0x01, 0x33, 0x00, 0x01, 0x30, 0x00] + [UInt8](repeating: 0xAB, count: 48)
            let response: [UInt8] = [0x11, 0x60, 0x00, 0x00, 0x01, UInt8(block.count), 0x00, 0x00] + block
                + [UInt8](repeating: 0x42, count: 32) + [0x00, 0x00]
            let signature = try key.signature(for: request + response).rawRepresentation
            return request + response + Array(signature)
        }
    }

    static let nonce = [UInt8](repeating: 0x17, count: 32)

    static func verify(_ pki: TestPKI, at instant: Date = Date(), partial: Bool = false, provider: (any CollateralProvider)? = nil)
        async throws -> Verdict
    {
        let chain = CollateralItem(source: "chain", bytes: Array(try Data(contentsOf: pki.path("leaf.pem"))) + Array(try Data(contentsOf: pki.path("root.pem"))))
        let root = try PEM.certificates(in: Array(try Data(contentsOf: pki.path("root.pem"))))[0]
        return try await NvidiaGPUVerifier().verify(
            Evidence(tee: .nvidia, bytes: try pki.report(nonce: nonce)),
            context: VerificationContext(
                asOf: instant, trustAnchors: [TrustAnchor(name: "test device root", derBytes: root)], collateral: [chain],
                collateralProvider: provider ?? pki, expectedReportData: .exact(nonce), allowsPartialCollateral: partial))
    }

    /// The checks that hold whatever the responder says (the test root is not NVIDIA's).
    static func failures(_ verdict: Verdict) -> [String] {
        verdict.failures.map(\.check).filter { $0 != "chain_root_equals_pinned_root" }
    }

    @Test func aGoodAnswerPasses() async throws {
        let pki = try TestPKI()
        let verdict = try await Self.verify(pki)
        #expect(Self.failures(verdict) == [], "\(verdict.failures)")
        #expect(verdict.passedChecks.contains("device_chain_not_revoked"))
        #expect(pki.requests == 1)
        #expect(!verdict.notes.contains(NvidiaGPUVerifier.revocationNote))
    }

    @Test func aRevokedLeafFailsByName() async throws {
        let pki = try TestPKI()
        try pki.index(revoked: true)
        let verdict = try await Self.verify(pki)
        #expect(Self.failures(verdict) == ["device_chain_not_revoked"])
        #expect(verdict.failures.first { $0.check == "device_chain_not_revoked" }?.observed.contains("revoked") == true)
    }

    @Test func aStaleAnswerFails() async throws {
        let pki = try TestPKI()
        let verdict = try await Self.verify(pki, at: Date().addingTimeInterval(3 * 86400))
        #expect(Self.failures(verdict) == ["device_chain_not_revoked"], "\(verdict.failures)")
        #expect(verdict.failures.first { $0.check == "device_chain_not_revoked" }?.observed.contains("stale") == true)
    }

    /// An answer signed by a key the issuer never delegated is not an answer.
    @Test func anAnswerFromAnotherSignerFails() async throws {
        let pki = try TestPKI()
        pki.signerName = "other"
        let verdict = try await Self.verify(pki)
        #expect(Self.failures(verdict) == ["device_chain_not_revoked"], "\(verdict.failures)")
    }

    /// A responder that cannot be reached makes the evidence unusable, unless partial collateral is allowed: then
    /// the verdict says what was not checked.
    @Test func anUnreachableResponderThrowsOrIsNoted() async throws {
        let pki = try TestPKI()
        let offline = CachedCollateralProvider(upstream: nil, directory: pki.path("empty-cache"))
        await #expect(throws: AttestationCoreError.self) { try await Self.verify(pki, provider: offline) }
        let partial = try await Self.verify(pki, partial: true, provider: offline)
        #expect(Self.failures(partial) == [])
        #expect(partial.notes.contains { $0.contains("was not checked") })
    }

    /// Truncated and mutated responder answers give a typed error or a status, never a crash; a truncated answer is
    /// never taken for one.
    @Test func malformedAnswersAreTypedErrors() async throws {
        let pki = try TestPKI()
        let leaf = try X509Certificate(derEncoded: try PEM.certificates(in: Array(try Data(contentsOf: pki.path("leaf.pem"))))[0])
        let root = try X509Certificate(derEncoded: try PEM.certificates(in: Array(try Data(contentsOf: pki.path("root.pem"))))[0])
        let answer = try await pki.fetch(
            CollateralRequest(url: "test", body: (try OCSPRequest.der(for: leaf, issuer: root), "application/ocsp-request"))).body
        #expect(try OCSPResponse.status(of: leaf, issuer: root, response: answer, at: Date()) != .unknown)
        for length in stride(from: 0, to: answer.count, by: 5) {
            #expect(throws: PKIError.self) { try OCSPResponse.status(of: leaf, issuer: root, response: Array(answer.prefix(length)), at: Date()) }
        }
        var random = SplitMix64(state: 6960)
        for _ in 0..<300 {
            var mutated = answer
            mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
            do { _ = try OCSPResponse.status(of: leaf, issuer: root, response: mutated, at: Date()) } catch is PKIError {}
        }
    }
}
