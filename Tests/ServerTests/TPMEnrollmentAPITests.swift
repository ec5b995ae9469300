import AttestationCore
import Crypto
import Foundation
import Server
import Storage
import SwiftASN1
import Testing
import Tokens
import TPM
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

    @Test func theRootsSettingComesFromFlagEnvironmentOrFile() throws {
        let fromFile = try ServerConfiguration.resolve(
            flags: [:], environment: [:], file: ("assay.json", Array(#"{"tpm_ek_roots": "/etc/assay/ek"}"#.utf8)))
        #expect(fromFile.tpmEKRootsPath == "/etc/assay/ek")
        let fromEnvironment = try ServerConfiguration.resolve(
            flags: [:], environment: ["ASSAY_TPM_EK_ROOTS": "/env/ek.pem"], file: ("assay.json", Array(#"{"tpm_ek_roots": "/etc/assay/ek"}"#.utf8)))
        #expect(fromEnvironment.tpmEKRootsPath == "/env/ek.pem")
        let fromFlag = try ServerConfiguration.resolve(
            flags: ["tpm_ek_roots": "/flag/ek.pem"], environment: ["ASSAY_TPM_EK_ROOTS": "/env/ek.pem"], file: nil)
        #expect(fromFlag.tpmEKRootsPath == "/flag/ek.pem")
        #expect(try ServerConfiguration.resolve(flags: [:], environment: [:], file: nil).tpmEKRootsPath == nil)
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

    @Test func aServerWithUnreadableRootsDoesNotStart() async throws {
        var configuration = try TestServer.configuration()
        configuration.tpmEKRootsPath = "/nonexistent/assay-ek-roots.pem"
        await #expect(throws: ConfigurationError.self) { try await TestServer.with(configuration) { _ in } }
    }

    @Test func malformedEnrollmentsAreRefusedBeforeAnyTPMWork() async throws {
        try await TestServer.with { server in
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
        try await TestServer.with(clock: clock) { server in
            let store = server.server.store
            let now = clock.now()
            try await store.insertTPMEnrollment(
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
        try await TestServer.with { server in
            let now = Date()
            try await server.server.store.insertTPMEnrollment(
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

    @Test func anActivationIsTrustedForTheConfiguredLifetimeOnly() async throws {
        let clock = TestClock()
        let store = try await SQLiteStore.open(path: try Self.scratch().appendingPathComponent("keys.sqlite").path)
        try await store.migrate()
        let registry = StoredAttestationKeyRegistry(store: store, lifetime: 3600, clock: clock)
        let key = try ActivatedAttestationKey(
            akPublic: TPMKeyTemplate.attestationECCP256, ekPublic: TPMKeyTemplate.endorsementRSA2048, ekCertificate: [0x30],
            activatedAt: clock.now())
        let audit = AuditRecord(
            at: clock.now(), kind: "tpm-activate", client: "test", tee: "tpm", nonce: nil, outcome: "activated",
            claimsSHA256: "", policyID: "", policySHA256: "", detail: "{}")
        _ = try await store.activateTPMAttestationKey(
            TPMAttestationKeyRecord(
                akName: Hex.encode(key.akName), akPublic: key.akPublic.bytes, ekPublic: key.ekPublic.bytes,
                ekCertificate: key.ekCertificate, activatedAt: key.activatedAt),
            audit: audit)
        #expect(try await registry.activatedKey(named: key.akName)?.akPublic == key.akPublic)
        clock.advance(3599)
        #expect(try await registry.activatedKey(named: key.akName)?.akPublic == key.akPublic)
        clock.advance(2)
        #expect(try await registry.activatedKey(named: key.akName) == nil)
    }

    @Test func theAKLifetimeSettingIsBoundedAndDefaultsToADay() throws {
        #expect(try ServerConfiguration.resolve(flags: [:], environment: [:], file: nil).tpmAKLifetime == 86400)
        let fromEnvironment = try ServerConfiguration.resolve(
            flags: [:], environment: ["ASSAY_TPM_AK_LIFETIME": "600"], file: ("assay.json", Array(#"{"tpm_ak_lifetime": 900}"#.utf8)))
        #expect(fromEnvironment.tpmAKLifetime == 600)
        #expect(try ServerConfiguration.resolve(flags: ["tpm_ak_lifetime": "120"], environment: [:], file: nil).tpmAKLifetime == 120)
        for value in ["0", "59", "-1", "day", "999999999"] {
            #expect(throws: ConfigurationError.self, "\(value)") {
                try ServerConfiguration.resolve(flags: ["tpm_ak_lifetime": value], environment: [:], file: nil)
            }
        }
    }
}
