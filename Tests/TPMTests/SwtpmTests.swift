import AttestationCore
import AssayTestSupport
import Attester
import Crypto
import Foundation
import Testing
import TPM
import TPMDevice
import X509

/// Attestation against a real software TPM (swtpm, manufactured with EK certificates from a local CA of its
/// own): EK certificate from NV, EK/SRK/AK creation, credential activation, PCR extension, quotes, and quotes
/// made by tpm2-tools — all verified by the Swift verifier.
@Suite(.serialized, .swtpm, .enabled(if: Swtpm.runnable, "swtpm is not installed (scripts/test.sh installs it)")) struct SwtpmTests {
    /// The suite's swtpm; nil (test skipped) only when swtpm is not installed outside CI.
    static func tpm() -> Swtpm? { Swtpm.current }

    static func client(_ tpm: Swtpm) throws -> TPMClient {
        try TPMClient.connect(try TPMDeviceAddress(parsing: tpm.address))
    }

    /// The context trusting the swtpm local CA (root as anchor, issuer as collateral).
    static func context(_ tpm: Swtpm, runtime: RuntimeData? = nil) throws -> VerificationContext {
        let root = try PEM.certificates(in: Array(try Data(contentsOf: tpm.caRoot)))
        return VerificationContext(
            asOf: Date(), trustAnchors: root.map { TrustAnchor(name: "swtpm local CA", derBytes: $0) },
            collateral: [CollateralItem(source: "issuercert.pem", bytes: Array(try Data(contentsOf: tpm.caIssuer)))],
            expectedReportData: runtime.map { .runtimeData($0) })
    }

    /// Enrolls a new AK of `template` by credential activation and returns it with its activation.
    static func enroll(
        _ attester: TPMAttester, template: TPMTPublic, context: VerificationContext
    ) async throws -> (key: TPMClient.CreatedKey, outcome: AttestationKeyEnrollment.Outcome) {
        let key = try attester.createAttestationKey(template: template)
        let enrollment = try await AttestationKeyEnrollment(
            request: try attester.enrollmentRequest(for: key), context: context, random: SystemRandomSource())
        let response = try attester.activate(enrollment.challenge, for: key)
        return (key, try enrollment.complete(with: response, at: Date()))
    }

    @Test func ekCertificatesComeFromNVAndMatchTheRecreatedEK() async throws {
        let tpm = try #require(Self.tpm())
        let client = try Self.client(tpm)
        let rsa = try client.readEndorsementCertificate(.rsa2048)
        let ek = try client.createPrimary(.endorsement, template: TPMKeyTemplate.endorsementRSA2048)
        try client.flush(ek.handle)
        var verdict = Verdict(tee: .tpm)
        try await AttestationKeyEnrollment.checkEKCertificate(
            rsa, ek: ek.publicArea, store: try TPMTrustStore(context: try Self.context(tpm)), at: Date(), &verdict)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.passedChecks == ["ek_certificate_chain", "ek_certificate_purpose", "ek_certificate_matches_ek"])
        #expect(verdict.claims["ek_certificate"]?["tpm_model"] == "swtpm")
        let ecc = try client.readEndorsementCertificate(.eccP384)
        var eccVerdict = Verdict(tee: .tpm)
        try await TPMTrustStore(context: try Self.context(tpm)).check(ecc, role: "ek", at: Date(), &eccVerdict)
        #expect(eccVerdict.isValid, "\(eccVerdict.failures)")
        #expect(throws: TPMError.self) { try client.readEndorsementCertificate(.eccP256) }
        #expect(try client.transientHandles().isEmpty)
    }

    /// A certificate from a trusted CA for a key that is not meant to be an EK (a TLS or signing certificate, a
    /// CA certificate) must not let that key pose as an EK: a software key could then answer the credential
    /// challenge for a software "AK".
    @Test func certificatesNotMeantForAnEndorsementKeyAreRefused() async throws {
        let tpm = try #require(Self.tpm())
        let client = try Self.client(tpm)
        let ek = try client.createPrimary(.endorsement, template: TPMKeyTemplate.endorsementRSA2048)
        try client.flush(ek.handle)
        let spki = try ek.publicArea.subjectPublicKeyInfo()
        let ca = try TestCA(name: "Corporate CA")
        let store = try TPMTrustStore(context: VerificationContext(asOf: Date(), trustAnchors: [ca.anchor]))
        func failures(_ certificate: [UInt8]) async throws -> [CheckFailure] {
            var verdict = Verdict(tee: .tpm)
            try await AttestationKeyEnrollment.checkEKCertificate(certificate, ek: ek.publicArea, store: store, at: Date(), &verdict)
            return verdict.failures
        }
        let endorsement = try ExtendedKeyUsage([ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 1])])
        #expect(try await failures(try ca.issue(subjectPublicKeyInfo: spki)).isEmpty)
        #expect(try await failures(
            try ca.issue(subjectPublicKeyInfo: spki, keyUsage: KeyUsage(keyEncipherment: true), extendedKeyUsage: endorsement)
        ).isEmpty)
        let misused: [(certificate: [UInt8], reason: String)] = [
            (try ca.issue(subjectPublicKeyInfo: spki, extendedKeyUsage: try ExtendedKeyUsage([.serverAuth])), "lacks tcg-kp-EKCertificate"),
            (try ca.issue(subjectPublicKeyInfo: spki, isCA: true), "it is a CA certificate"),
            (try ca.issue(subjectPublicKeyInfo: spki, keyUsage: KeyUsage(digitalSignature: true)), "neither keyEncipherment nor keyAgreement"),
        ]
        for (certificate, reason) in misused {
            let found = try await failures(certificate)
            #expect(found.map(\.check) == ["ek_certificate_purpose"], "\(reason)")
            #expect(found.first?.observed.contains(reason) == true, "\(found)")
        }
    }

    /// The whole flow with an RSA-2048 AK: enrollment by credential activation, PCRs extended with an event log,
    /// a quote bound to runtime data, verification with the activation on record.
    @Test func enrolledRSAKeyQuotesExtendedPCRsWithAReplayedEventLog() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let registry = InMemoryAttestationKeyRegistry()
        let context = try Self.context(tpm)
        let (key, outcome) = try await Self.enroll(attester, template: TPMKeyTemplate.attestationRSA2048(), context: context)
        #expect(outcome.verdict.isValid, "\(outcome.verdict.failures)")
        #expect(outcome.verdict.passedChecks.contains("credential_activation"))
        await registry.register(try #require(outcome.activatedKey))

        var log = EventLogBuilder()
        for (pcr, text) in [(11, "kernel"), (12, "initrd"), (11, "cmdline")] {
            try attester.client.extendPCR(pcr, digests: try log.measure(Array(text.utf8), pcr: pcr))
        }
        let runtime = RuntimeData(json: ["nonce": "swtpm-rsa"])
        let selection = try PCRSelectionList(parsing: "sha256:0-12+sha1:11,12+sha384:11")
        let quote = try attester.quote(runtimeData: runtime, selection: selection, with: key, eventLog: log.bytes)
        var checked = try Self.context(tpm, runtime: runtime)
        checked.asOf = Date()
        let verdict = try await TPMVerifier(registry: registry).verify(quote.evidence, context: checked)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["ak_endorsement"] == "credential_activation")
        for bank in ["sha1", "sha256", "sha384"] {
            #expect(verdict.passedChecks.contains("event_log_replay_\(bank)"), "\(bank)")
        }
        #expect(verdict.claims["events"]?["11"]?.arrayValue?.count == 2)
        #expect(verdict.claims["pcrs"]?["sha256"]?["0"] == .hex([UInt8](repeating: 0, count: 32)))
        #expect(verdict.claims["ek_certificate"]?["tpm_manufacturer"] == "id:00001014")
        #expect(try attester.client.transientHandles().isEmpty)
    }

    /// The registration and attestation exchange a service runs, with every message through its JSON form:
    /// enrollment request → credential challenge → activation response, then a quote bound to a service nonce and
    /// carried as one blob (PlatformParameters JSON), verified against the registry of activated keys.
    @Test func registrationAndAttestationThroughTheWireMessages() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let registry = InMemoryAttestationKeyRegistry()
        let key = try attester.createAttestationKey(template: TPMKeyTemplate.attestationECCP256)
        func wire<T: Codable>(_ message: T) throws -> T { try JSONDecoder().decode(T.self, from: JSONEncoder().encode(message)) }

        let enrollment = try await AttestationKeyEnrollment(
            request: try wire(try attester.enrollmentRequest(for: key)), context: try Self.context(tpm), random: SystemRandomSource())
        let response = try wire(try attester.activate(try wire(enrollment.challenge), for: key))
        // Another replica completes it from what the first one stored: the request and the expected secret.
        let restored = try await AttestationKeyEnrollment(
            request: try wire(enrollment.request), expectedSecret: enrollment.expectedSecret, context: try Self.context(tpm),
            random: SystemRandomSource())
        let outcome = try restored.complete(with: response, at: Date())
        #expect(outcome.verdict.isValid, "\(outcome.verdict.failures)")
        #expect(outcome.verdict.passedChecks.contains("ek_certificate_chain"))
        let forged = try await AttestationKeyEnrollment(
            request: enrollment.request, expectedSecret: SystemRandomSource().bytes(count: AttestationKeyEnrollment.secretBytes),
            context: try Self.context(tpm), random: SystemRandomSource())
        #expect(try forged.complete(with: response, at: Date()).verdict.failures.map(\.check) == ["credential_activation"])
        await #expect(throws: TPMError.self) {
            try await AttestationKeyEnrollment(
                request: enrollment.request, expectedSecret: [1], context: try Self.context(tpm), random: SystemRandomSource())
        }
        await registry.register(try #require(outcome.activatedKey))

        let runtime = RuntimeData(json: ["nonce": .string(Hex.encode(SystemRandomSource().bytes(count: 16)))])
        let quote = try attester.quote(runtimeData: runtime, selection: try PCRSelectionList(parsing: "sha256:0-7+sha1:0"), with: key)
        let blob = Evidence(tee: .tpm, bytes: quote.platformParameters)
        let verifier = TPMVerifier(registry: registry)
        let verdict = try await verifier.verify(blob, context: try Self.context(tpm, runtime: runtime))
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.passedChecks.contains("ak_activated"))
        #expect(verdict.claims["ak_endorsement"] == "credential_activation")
        #expect(verdict.claims["evidence_format"] == "go-attestation")
        #expect(verdict.claims["pcrs"] == quote.pcrValues.json)

        let replayed = try await verifier.verify(
            blob, context: try Self.context(tpm, runtime: RuntimeData(json: ["nonce": "another"])))
        #expect(replayed.failures.map(\.check) == ["report_data_binding"])
        let stranger = try await TPMVerifier(registry: InMemoryAttestationKeyRegistry()).verify(
            blob, context: try Self.context(tpm, runtime: runtime))
        #expect(stranger.failures.map(\.check) == ["ak_activated"])
        #expect(try attester.client.transientHandles().isEmpty)
    }

    /// ECC: a P-256 AK activated against the ECC P-256 EK (template L-2, no certificate on swtpm), quoting.
    @Test func eccKeyActivatesAgainstTheECCEndorsementKeyAndQuotes() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm), endorsement: .eccP256)
        let key = try attester.createAttestationKey(template: TPMKeyTemplate.attestationECCP256)
        let request = try attester.enrollmentRequest(for: key)
        #expect(request.ekCertificate == nil)
        let ek = try TPMTPublic(parsing: request.ekPublic)
        let secret = SystemRandomSource().bytes(count: 32)
        let challenge = try MakeCredential.challenge(
            credential: secret, objectName: try key.publicArea.name(), ek: ek, random: SystemRandomSource())
        #expect(try attester.activate(challenge, for: key).secret == secret)
        let runtime = RuntimeData(json: ["nonce": "swtpm-ecc"])
        let quote = try attester.quote(runtimeData: runtime, selection: try PCRSelectionList(parsing: "sha256:0-7"), with: key)
        #expect(quote.signature.schemeDescription == "ecdsa-sha256")
        let verdict = try await TPMVerifier().verify(quote.evidence, context: try Self.context(tpm, runtime: runtime))
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["ak_public"] == "ECC P-256")
    }

    @Test func rsaPSSKeyQuotes() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let key = try attester.createAttestationKey(template: TPMKeyTemplate.attestationRSA2048(scheme: .rsapss))
        let runtime = RuntimeData(json: ["nonce": "swtpm-pss"])
        let quote = try attester.quote(runtimeData: runtime, selection: try PCRSelectionList(parsing: "sha256:0-3"), with: key)
        #expect(quote.signature.schemeDescription == "rsapss-sha256")
        let verdict = try await TPMVerifier().verify(quote.evidence, context: try Self.context(tpm, runtime: runtime))
        #expect(verdict.isValid, "\(verdict.failures)")
    }

    @Test func quoteWithAWrongNonceIsRejected() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let key = try attester.createAttestationKey()
        let quote = try attester.quote(
            runtimeData: RuntimeData(json: ["nonce": "old"]), selection: try PCRSelectionList(parsing: "sha256:0-7"), with: key)
        let verdict = try await TPMVerifier().verify(
            quote.evidence, context: try Self.context(tpm, runtime: RuntimeData(json: ["nonce": "fresh"])))
        #expect(verdict.failures.map(\.check) == ["report_data_binding"])
    }

    @Test func pcrValueChangedAfterTheQuoteIsRejected() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let key = try attester.createAttestationKey()
        let runtime = RuntimeData(json: ["nonce": "changed"])
        let selection = try PCRSelectionList(parsing: "sha256:13-14")
        let quote = try attester.quote(runtimeData: runtime, selection: selection, with: key)
        try attester.client.extendPCR(13, digests: [TCGEvent.Digest(algorithm: .sha256, value: Array(SHA256.hash(data: [1])))])
        var evidence = quote.evidence
        evidence.attachments[TPMEvidence.Attachment.pcrs.rawValue] = try attester.client.readPCRs(selection).concatenated(for: selection)
        let verdict = try await TPMVerifier().verify(evidence, context: try Self.context(tpm, runtime: runtime))
        #expect(verdict.failures.map(\.check) == ["quote_pcr_digest"])
    }

    /// An AK that is not in the TPM holding the EK cannot be activated: the TPM refuses the credential
    /// (TPM_RC_INTEGRITY), a guessed answer fails `credential_activation`, and a verifier keeping activations
    /// rejects its quotes with `ak_activated`.
    @Test func attestationKeyNotActivatedAgainstThatEKIsRejected() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let context = try Self.context(tpm)
        let genuine = try attester.createAttestationKey()
        let outsider = try SoftwareQuoteSigner(key: .p256(P256.Signing.PrivateKey()))
        var request = try attester.enrollmentRequest(for: genuine)
        request = EnrollmentRequest(ekCertificate: request.ekCertificate, ekPublic: request.ekPublic, akPublic: outsider.publicArea.bytes)
        let enrollment = try await AttestationKeyEnrollment(request: request, context: context, random: SystemRandomSource())
        do {
            _ = try attester.activate(enrollment.challenge, for: genuine)
            Issue.record("the TPM activated a credential made for another key")
        } catch TPMError.commandFailed(_, let code) {
            #expect(TPMResponseCode(rawValue: code).formatOneError == .integrity, "\(TPMResponseCode(rawValue: code))")
        }
        let guessed = try enrollment.complete(with: CredentialResponse(secret: SystemRandomSource().bytes(count: 32)), at: Date())
        #expect(guessed.verdict.failures.map(\.check) == ["credential_activation"])
        #expect(guessed.activatedKey == nil)

        let runtime = RuntimeData(json: ["nonce": "unenrolled"])
        let quote = try attester.quote(runtimeData: runtime, selection: try PCRSelectionList(parsing: "sha256:0"), with: genuine)
        let verdict = try await TPMVerifier(registry: InMemoryAttestationKeyRegistry()).verify(
            quote.evidence, context: try Self.context(tpm, runtime: runtime))
        #expect(verdict.failures.map(\.check) == ["ak_activated"])
        #expect(try attester.client.transientHandles().isEmpty)
    }

    @Test func ekCertificateFromAnotherCAIsRejected() async throws {
        let tpm = try #require(Self.tpm())
        let attester = TPMAttester(client: try Self.client(tpm))
        let other = try TestCA(name: "Another TPM vendor")
        var context = try Self.context(tpm)
        context.trustAnchors = [other.anchor]
        let (_, outcome) = try await Self.enroll(attester, template: TPMKeyTemplate.attestationRSA2048(), context: context)
        #expect(outcome.verdict.failures.map(\.check) == ["ek_certificate_chain"])
        #expect(outcome.activatedKey == nil)
        let key = try attester.createAttestationKey()
        let quote = try attester.quote(
            runtimeData: RuntimeData(json: ["nonce": "x"]), selection: try PCRSelectionList(parsing: "sha256:0"), with: key)
        let verdict = try await TPMVerifier().verify(quote.evidence, context: context)
        #expect(verdict.failures.map(\.check) == ["ek_certificate_chain"])
    }

    /// A quote made by tpm2-tools (EK and AK from tpm2_createek/tpm2_createak, PCRs in the serialized layout).
    @Test(.tpm2Tools, arguments: ["tss", "pem"])
    func tpm2ToolsQuoteVerifies(akFormat: String) async throws {
        let tpm = try #require(Self.tpm())
        try Swtpm.requireTPM2Tools()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-tpm2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let steps: [(String, [String])] = [
            ("tpm2_createek", ["-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub"]),
            ("tpm2_createak", ["-C", "ek.ctx", "-c", "ak.ctx", "-G", "rsa", "-g", "sha256", "-s", "rsassa", "-u", "ak.pub", "-f", akFormat, "-n", "ak.name"]),
            ("tpm2_flushcontext", ["-t"]),
            ("tpm2_quote", ["-c", "ak.ctx", "-l", "sha256:0,1,2,10+sha1:10", "-q", "0102030405", "-m", "quote.msg", "-s", "quote.sig", "-o", "quote.pcrs", "-g", "sha256"]),
            ("tpm2_flushcontext", ["-t"]),
            ("tpm2_flushcontext", ["-s"]),
        ]
        for (program, arguments) in steps {
            let result = try tpm.tpm2(program, arguments, in: directory)
            #expect(result.status == 0, "\(program): \(result.output)")
            guard result.status == 0 else { return }
        }
        let read = { (name: String) in Array(try Data(contentsOf: directory.appendingPathComponent(name))) }
        let evidence = Evidence(
            tee: .tpm, bytes: try read("quote.msg"),
            attachments: [
                TPMEvidence.Attachment.signature.rawValue: try read("quote.sig"),
                TPMEvidence.Attachment.akPublic.rawValue: try read("ak.pub"),
                TPMEvidence.Attachment.pcrs.rawValue: try read("quote.pcrs"),
            ])
        var context = try Self.context(tpm)
        context.expectedReportData = .exact([1, 2, 3, 4, 5])
        let verdict = try await TPMVerifier().verify(evidence, context: context)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["pcrs"]?["sha1"]?["10"] != nil)
        if akFormat == "tss" {
            #expect(verdict.claims["ak_name"] == .hex(try read("ak.name")))
        }
        context.expectedReportData = .exact([1, 2, 3, 4, 6])
        let rejected = try await TPMVerifier().verify(evidence, context: context)
        #expect(rejected.failures.map(\.check) == ["report_data_binding"])
    }
}

/// A swtpm started without `not-need-init`: the client powers it on through the control channel.
@Suite(.serialized, .unpoweredSwtpm) struct SwtpmPowerOnTests {
    @Test func clientPowersTheTPMOnAndStartsIt() throws {
        let tpm = try #require(Swtpm.current)
        let client = try TPMClient.connect(try TPMDeviceAddress(parsing: tpm.address))
        let selection = try PCRSelectionList(parsing: "sha256:0-23+sha1:0-23")
        let values = try client.readPCRs(selection)
        #expect(values.missing(from: selection).isEmpty)
        #expect(values[.sha256, 17] == [UInt8](repeating: 0xff, count: 32))
        try client.startup()
        #expect(try client.readPCRs(selection) == values)
    }
}
