import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import KeyBroker
import Logging
import SampleTEE
import Server
import Storage
import SwiftASN1
import Testing
import Tokens
import TPM
import TPMDevice
@testable import TPMService
import X509

/// The TPM enrollment endpoints' input handling and lifecycle without a TPM (the whole flow against swtpm is in
/// ServiceProcessTests), and the `tpm_ek_roots` setting.
@Suite struct TPMEnrollmentAPITests {
    /// A P-256 CA certificate, self-signed or issued by `issuer`.
    struct CA {
        let key = P256.Signing.PrivateKey()
        let name: DistinguishedName
        let der: [UInt8]

        init(_ common: String, issuer: CA? = nil) throws {
            name = try DistinguishedName { CommonName(common) }
            let now = Date()
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: now - 3600,
                notValidAfter: now + 86400, issuer: issuer?.name ?? name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil)) },
                issuerPrivateKey: .init(issuer?.key ?? key))
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            der = serializer.serializedBytes
        }

        var pem: String { PEMDocument(type: "CERTIFICATE", derBytes: der).pemString + "\n" }
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-roots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let settings = ServerSetting.core + TPMServicePlugin().settings

    static func resolve(
        flags: [String: [String]] = [:], environment: [String: String] = [:], file: String? = nil
    ) throws -> ServerConfiguration {
        try ServerConfiguration.resolve(
            flags: flags, environment: environment, file: file.map { ("assay.json", Array($0.utf8)) }, settings: settings)
    }

    @Test func theRootsSettingComesFromFlagEnvironmentOrFile() throws {
        let directory = try Self.scratch()
        var paths: [String] = []
        for name in ["file", "environment", "flag"] {
            let path = directory.appendingPathComponent("\(name).pem").path
            try CA("EK Root from \(name)").pem.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        func rootName(_ configuration: ServerConfiguration) -> String? {
            (configuration.pluginValues["tpm_ek_roots"] as? TPMEndorsementRoots)?.anchors.first?.name
        }
        let file = #"{"tpm_ek_roots": "\#(paths[0])"}"#
        #expect(rootName(try Self.resolve(file: file))?.contains("from file") == true)
        #expect(rootName(try Self.resolve(environment: ["ASSAY_TPM_EK_ROOTS": paths[1]], file: file))?.contains("from environment") == true)
        #expect(
            rootName(try Self.resolve(flags: ["tpm_ek_roots": [paths[2]]], environment: ["ASSAY_TPM_EK_ROOTS": paths[1]]))?
                .contains("from flag") == true)
        #expect(rootName(try Self.resolve()) == nil)
    }

    @Test func rootsLoadFromABundleOrADirectorySortedIntoRootsAndIntermediates() throws {
        let root = try CA("Test EK Root")
        let intermediate = try CA("Test EK Issuing CA", issuer: root)
        let directory = try Self.scratch()
        let bundle = directory.appendingPathComponent("bundle.pem")
        try (intermediate.pem + root.pem).write(to: bundle, atomically: true, encoding: .utf8)
        let fromBundle = try TPMEndorsementRoots.load(path: bundle.path)
        #expect(fromBundle.anchors.map(\.derBytes) == [root.der])
        #expect(fromBundle.intermediates.map(\.bytes) == [intermediate.der])

        let folder = directory.appendingPathComponent("cas")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try root.pem.write(to: folder.appendingPathComponent("root.pem"), atomically: true, encoding: .utf8)
        try Data(intermediate.der).write(to: folder.appendingPathComponent("issuing.der"))
        try "not a certificate".write(to: folder.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        let fromFolder = try TPMEndorsementRoots.load(path: folder.path)
        #expect(fromFolder.anchors.map(\.derBytes) == [root.der])
        #expect(fromFolder.intermediates.map(\.bytes) == [intermediate.der])

        let context = fromFolder.applied(to: VerificationContext(asOf: Date()))
        #expect(context.trustAnchors?.map(\.derBytes) == [root.der] && context.collateral.count == 1)
        let own = TrustAnchor(name: "own", derBytes: intermediate.der)
        #expect(fromFolder.applied(to: VerificationContext(asOf: Date(), trustAnchors: [own])).trustAnchors == [own])
    }

    @Test func unusableRootsNameTheSettingTheFileAndTheFix() throws {
        let root = try CA("Test EK Root")
        let directory = try Self.scratch()
        let onlyIntermediate = directory.appendingPathComponent("issuing.pem")
        try CA("Issuing", issuer: root).pem.write(to: onlyIntermediate, atomically: true, encoding: .utf8)
        let key = directory.appendingPathComponent("key.pem")
        try "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".write(to: key, atomically: true, encoding: .utf8)
        let garbage = directory.appendingPathComponent("garbage.der")
        try Data([0x30, 0x03, 0x02, 0x01, 0x01]).write(to: garbage)
        for (path, message) in [
            (directory.appendingPathComponent("missing.pem").path, "no such file"), (onlyIntermediate.path, "no self-signed root"),
            (key.path, "no CERTIFICATE block"), (garbage.path, "not a usable X.509 certificate"),
        ] {
            #expect {
                try TPMEndorsementRoots.load(path: path)
            } throws: { error in
                guard let error = error as? ConfigurationError else { return false }
                return error.setting == "tpm_ek_roots" && error.description.contains(message)
            }
        }
    }

    @Test func unreadableRootsStopTheConfiguration() throws {
        #expect(throws: ConfigurationError.self) {
            try Self.resolve(flags: ["tpm_ek_roots": ["/nonexistent/assay-ek-roots.pem"]])
        }
    }

    /// Runs `body` against a server with the TPM plug-in.
    static func withServer(clock: any TimeSource = SystemTimeSource(), _ body: (TestServer) async throws -> Void) async throws {
        try await TestServer.with(clock: clock, verifiers: [SampleVerifier(), TPMVerifier()], plugins: [TPMServicePlugin()], body)
    }

    /// The plug-in's store on the server's database.
    static func store(_ server: TestServer) -> any TPMEnrollmentStore {
        TPMEnrollmentStores.store(on: server.server.store.backend)
    }

    @Test func malformedEnrollmentsAreRefusedBeforeAnyTPMWork() async throws {
        try await Self.withServer { server in
            let area = Base64.encode([UInt8](repeating: 0, count: 16))
            for (body, message) in [
                (#"[]"#, "JSON object"), (#"{"ek_public":"AA==","ak_public":"AA=="}"#, "\"ek_certificate\" is required"),
                (#"{"ek_public":"AA==","ak_public":"AA==","ek_certificate":"AA==","extra":1}"#, "unknown member \"extra\""),
                (#"{"ek_public":"*","ak_public":"AA==","ek_certificate":"AA=="}"#, "not valid base64"),
                (#"{"ek_public":"\#(String(repeating: "A", count: 1400))","ak_public":"AA==","ek_certificate":"AA=="}"#, "longer than the base64 of 1024 bytes"),
                (#"{"ek_public":"\#(area)","ak_public":"\#(area)","ek_certificate":"MAA="}"#, "TPMT_PUBLIC"),
            ] {
                let answer = try await server.request(.POST, "/v1/tpm/enrollments", body: Array(body.utf8))
                #expect(answer.status == 400, "\(body): \(answer.json)")
                #expect(answer.json["type"] == "urn:assay:problem:invalid-request")
                #expect(answer.json["detail"]?.stringValue?.contains(message) == true, "\(body): \(answer.json)")
            }
            let huge = try await server.request(.POST, "/v1/tpm/enrollments", body: [UInt8](repeating: 0x20, count: 65 * 1024))
            #expect(huge.status == 413)
        }
    }

    @Test func anActivationAnswersAPendingEnrollmentOnceAndNeverAfterItExpired() async throws {
        let clock = TestClock()
        try await Self.withServer(clock: clock) { server in
            let now = clock.now()
            try await Self.store(server).insertEnrollment(
                TPMEnrollmentRecord(
                    id: "expiring-enrollment", ekPublic: [1], akPublic: [2], ekCertificate: [3], sealedSecret: "unused",
                    kekID: "unused", createdAt: now, expiresAt: now + 60))
            clock.advance(61)
            let secret: JSONValue = ["secret": .string(Base64.encode([UInt8](repeating: 7, count: 32)))]
            let expired = try await server.json(.POST, "/v1/tpm/enrollments/expiring-enrollment/activation", secret)
            #expect(expired.status == 410 && expired.json["type"] == "urn:assay:problem:tpm-enrollment-expired")
            #expect(expired.json["detail"]?.stringValue?.contains("enroll again") == true)
            let gone = try await server.json(.POST, "/v1/tpm/enrollments/expiring-enrollment/activation", secret)
            #expect(gone.status == 404 && gone.json["type"] == "urn:assay:problem:tpm-enrollment-unknown")
            let badID = try await server.json(.POST, "/v1/tpm/enrollments/not%20an%20id/activation", secret)
            #expect(badID.status == 400)
            let tooLong = try await server.json(
                .POST, "/v1/tpm/enrollments/x/activation", ["secret": .string(Base64.encode([UInt8](repeating: 7, count: 65)))])
            #expect(tooLong.status == 400 && tooLong.json["detail"]?.stringValue?.contains("secret") == true)
        }
    }

    @Test func anEnrollmentSealedWithAnotherKEKIsNamedAsSuch() async throws {
        try await Self.withServer { server in
            let now = Date()
            try await Self.store(server).insertEnrollment(
                TPMEnrollmentRecord(
                    id: "other-kek", ekPublic: [1], akPublic: [2], ekCertificate: [3], sealedSecret: "sealed elsewhere",
                    kekID: "kek-of-another-replica", createdAt: now, expiresAt: now + 60))
            let answer = try await server.json(
                .POST, "/v1/tpm/enrollments/other-kek/activation",
                ["secret": .string(Base64.encode([UInt8](repeating: 7, count: 32)))])
            #expect(answer.status == 500 && answer.json["type"] == "urn:assay:problem:kek-mismatch", "\(answer.json)")
            let detail = answer.json["detail"]?.stringValue ?? ""
            #expect(detail.contains("kek-of-another-replica") && detail.contains("same KEK"), "\(detail)")
        }
    }

    @Test func anActivationIsTrustedForTheConfiguredLifetimeOnlyAndWhileItsTagHolds() async throws {
        let clock = TestClock()
        let store = try await Store.open(
            .sqlite(path: try Self.scratch().appendingPathComponent("keys.sqlite").path), logger: Logger(label: "test"))
        try await store.migrate(plugins: [TPMSchema.plugin])
        let keys = TPMEnrollmentStores.store(on: store.backend)
        let integrity = RowIntegrity(
            key: RowIntegrityKey(kek: KeyEncryptionKey.generate()), metrics: ServerMetrics(), logger: Logger(label: "test"))
        let registry = StoredAttestationKeyRegistry(store: keys, integrity: integrity, lifetime: 3600, clock: clock)
        let key = try ActivatedAttestationKey(
            akPublic: TPMKeyTemplate.attestationECCP256, ekPublic: TPMKeyTemplate.endorsementRSA2048, ekCertificate: [0x30],
            activatedAt: clock.now())
        _ = try await registry.activate(key, audit: testAudit("tpm-activate", outcome: "activated"))
        #expect(try await registry.activatedKey(named: key.akName)?.akPublic == key.akPublic)
        clock.advance(3599)
        #expect(try await registry.activatedKey(named: key.akName)?.akPublic == key.akPublic)
        clock.advance(2)
        #expect(try await registry.activatedKey(named: key.akName) == nil)

        // A row written without the service's key (someone with database access) is not trusted.
        let forged = TPMAttestationKeyRecord(
            akName: Hex.encode(key.akName), akPublic: key.akPublic.bytes, ekPublic: key.ekPublic.bytes, ekCertificate: [0x30],
            activatedAt: clock.now()
        ).tagged(by: RowIntegrityKey(kek: KeyEncryptionKey.generate()))
        _ = try await keys.activateKey(forged, audit: testAudit("tpm-activate", outcome: "forged"))
        #expect(try await keys.key(name: Hex.encode(key.akName))?.mac == forged.mac)
        #expect(try await registry.activatedKey(named: key.akName) == nil)
        store.close()
    }

    @Test func theAKLifetimeSettingIsBoundedAndDefaultsToADay() throws {
        func lifetime(_ configuration: ServerConfiguration) -> TimeInterval? {
            configuration.pluginValues["tpm_ak_lifetime"] as? TimeInterval
        }
        #expect(lifetime(try Self.resolve()) == nil, "unset: the plug-in's default of 86400 s applies")
        #expect(lifetime(try Self.resolve(environment: ["ASSAY_TPM_AK_LIFETIME": "600"], file: #"{"tpm_ak_lifetime": 900}"#)) == 600)
        #expect(lifetime(try Self.resolve(flags: ["tpm_ak_lifetime": ["120"]])) == 120)
        for value in ["0", "59", "-1", "day", "999999999"] {
            #expect(throws: ConfigurationError.self, "\(value)") { try Self.resolve(flags: ["tpm_ak_lifetime": [value]]) }
        }
    }
}
