import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay tls verify-cert` on the real attested certificates: exit 0 accepted (with the binding in the JSON), 1
/// refused (a flipped bit in the quote, a TEE not enabled), 2 unusable input (not a certificate, no evidence).
@Suite(.serialized, .sharedVectors)
struct TLSVerifyCertCLITests {
    static let gramine = "ratls/gramine_sgx_cert.pem"
    /// Inside the Gramine certificate and its PCK chain; its platform has no TCB info, hence partial collateral.
    static let gramineArguments = ["--partial-collateral", "--as-of", "2025-01-01T00:00:00Z", "--format", "json"]
    /// The built-in policy's SGX profile without debug claims or a status claim: a debug enclave without TCB info
    /// appraises as warning.
    static let lenientData = #"{"profiles": {"sgx": {"genuine_hardware": true, "debug_claims": [], "encrypted_memory": true}}}"#

    struct Workspace {
        let directory: URL

        init() throws {
            try SharedVectors.require()
            directory = try AssayProcess.scratch()
            try Data(TLSVerifyCertCLITests.lenientData.utf8).write(to: directory.appendingPathComponent("lenient.json"))
        }

        func run(_ arguments: [String]) throws -> AssayProcess.Result {
            try AssayProcess.run(["tls", "verify-cert"] + arguments, in: directory)
        }

        func write(_ bytes: [UInt8], to name: String) throws -> String {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
            return name
        }
    }

    static func vector(_ path: String) -> String { SharedVectors.root.appendingPathComponent(path).path }

    @Test func graminesCertificateIsAcceptedWithTheLenientPolicy() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["--cert", Self.vector(Self.gramine), "--policy-data", "lenient.json"] + Self.gramineArguments)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["accepted"] == .bool(true))
        #expect(json["valid"] == .bool(true))
        #expect(json["tee"] == "sgx")
        #expect(json["reasons"] == .array([]))
        #expect(json["binding"]?["carrier"] == "tcg-tagged-evidence")
        #expect(json["binding"]?["key_hash"]?.stringValue == "sha-256:" + (json["binding"]?["spki_sha256"]?.stringValue ?? "?"))
    }

    @Test func theDefaultPolicyRefusesTheDebugEnclave() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["--cert", Self.vector(Self.gramine)] + Self.gramineArguments)
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["accepted"] == .bool(false))
        #expect(json["valid"] == .bool(true))
        #expect(json["reasons"]?.arrayValue?.first?.stringValue?.contains("debug_disabled") == true, "\(result.stdout)")
    }

    /// The certificate saved as DER is read as DER, though its quote holds the PCK chain as PEM text (read as PEM,
    /// the file's first certificate would be the PCK certificate, whose SGX extension has the Intel SDK's OID).
    @Test func aDERCertificateIsReadAsDER() throws {
        let workspace = try Workspace()
        let file = try workspace.write(try Self.der(Self.gramine), to: "gramine.der")
        let result = try workspace.run(["--cert", file, "--policy-data", "lenient.json"] + Self.gramineArguments)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["binding"]?["carrier"] == "tcg-tagged-evidence")
    }

    /// A DER copy with one bit of MRENCLAVE flipped in the TCG extension's quote: read, then refused on the quote
    /// signature.
    @Test func aFlippedBitInTheQuoteIsRefused() throws {
        let workspace = try Workspace()
        var der = try Self.der(Self.gramine)
        let oid: [UInt8] = [0x06, 0x06, 0x67, 0x81, 0x05, 0x05, 0x04, 0x09]  // 2.23.133.5.4.9
        let extensionStart = try #require(der.firstRange(of: oid)?.upperBound)
        let sgxV3Header: [UInt8] = [0x03, 0x00, 0x02, 0x00]  // version 3, ECDSA P-256 attestation key
        let quote = try #require(der[extensionStart...].firstRange(of: sgxV3Header)?.lowerBound)
        der[quote + 48 + 64] ^= 0x01
        let file = try workspace.write(der, to: "flipped.der")
        let result = try workspace.run(["--cert", file, "--policy-data", "lenient.json"] + Self.gramineArguments)
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["accepted"] == .bool(false))
        let failed = json["failures"]?.arrayValue?.compactMap { $0["check"]?.stringValue }
        #expect(failed == ["quote_signature"], "\(result.stdout)")
    }

    /// Evidence of a TEE that is not enabled is a refusal that names the option to enable it.
    @Test func aTEENotEnabledIsRefusedWithTheOption() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["--cert", Self.vector(Self.gramine), "--enable-tee", "sample"] + Self.gramineArguments)
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("--enable-tee sgx"), "\(result.stdout)")
    }

    @Test func unusableInputExitsTwoWithTheCause() throws {
        let workspace = try Workspace()
        let garbage = try workspace.write(Array("this is not a certificate\n".utf8), to: "garbage.txt")
        let noBlock = try workspace.write(Array("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".utf8), to: "key.pem")
        let cases: [(arguments: [String], message: String)] = [
            (["--cert", garbage], "cannot read certificate garbage.txt: not an X.509 certificate, PEM or DER"),
            (["--cert", noBlock], "cannot read certificate key.pem: the PEM text has no CERTIFICATE block"),
            (["--cert", "missing.pem"], "no such file"),
            (["--cert", Self.vector("nitro/aws_nitro_root_g1.pem")], "carries no attestation evidence"),
        ]
        for (arguments, message) in cases {
            let result = try workspace.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }

    @Test func evervaultsNitroCertificateIsAccepted() throws {
        let workspace = try Workspace()
        let vector = try SharedVectors.vector("nitro-evervault-beta-nondebug-tls-cert-with-doc")
        let certificate = try #require(vector.file("tls_cert"))
        let asOf = RFC3339.format(try #require(vector.suggestedAsOf))
        let result = try workspace.run(["--cert", certificate.path, "--as-of", asOf, "--format", "json"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["accepted"] == .bool(true))
        #expect(json["tee"] == "nitro")
        #expect(json["binding"]?["carrier"] == "nitro-subject-alt-name")
    }

    static func der(_ path: String) throws -> [UInt8] {
        try #require(try PEM.certificates(in: Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent(path)))).first)
    }
}
