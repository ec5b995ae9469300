import AttestationCore
import AssayTestSupport
import Foundation
import Testing
import TPM

/// The real TPM evidence in ../shared/vectors: GCE vTPM quotes (go-tpm-tools protobuf), unsigned event logs,
/// tampered copies, and a go-attestation JSON dump.
@Suite(.sharedVectors) struct VectorTests {
    let verifier = TPMVerifier()

    static func vectors() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("tpm")
    }

    /// The two genuine GCE attestations (go-tpm-tools protobuf with an AK certificate), as `expected.jsonl` lists them.
    static func genuineGCE() throws -> [SharedVectors.Vector] {
        let genuine = try vectors().filter { $0.files("attestation").count == 1 && $0.expectedValid }
        try #require(genuine.count >= 2, "expected the 2 genuine GCE attestations")
        return genuine
    }

    func context(_ vector: SharedVectors.Vector, asOf: Date? = nil) throws -> VerificationContext {
        let collateral = try vector.files("ca").map { CollateralItem(source: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        return VerificationContext(asOf: asOf ?? vector.suggestedAsOf ?? Date(), collateral: collateral)
    }

    func evidence(_ vector: SharedVectors.Vector) throws -> Evidence {
        let bytes = try #require(try vector.bytes("attestation") ?? vector.bytes("dump"))
        return Evidence(tee: .tpm, bytes: bytes)
    }

    @Test func genuineGCEQuotesVerifyWithTheirPCRs() async throws {
        for vector in try Self.genuineGCE() {
            let verdict = try await verifier.verify(try evidence(vector), context: try context(vector))
            #expect(verdict.isValid, "\(vector.id): \(verdict.failures)")
            #expect(verdict.claims["ak_endorsement"] == "ak_certificate", "\(vector.id)")
            #expect(verdict.passedChecks.contains("ak_certificate_purpose"), "GCE marks AK certificates tcg-kp-EKCertificate")
            #expect(verdict.claims["ak_name"] == vector.fields["ak_name"], "\(vector.id)")
            #expect(verdict.claims["ak_certificate"]?["tpm_manufacturer"] == "id:474F4F47", "\(vector.id)")
            #expect(verdict.claims["ak_certificate"]?["gce_instance_info"] == vector.fields["gce_instance_info_der"], "\(vector.id)")
            let quotes = try #require(vector.fields["quotes"]?.objectValue)
            for (bank, expected) in quotes {
                #expect(verdict.claims["pcrs"]?[bank] == expected["pcrs"], "\(vector.id) \(bank)")
                #expect(verdict.passedChecks.contains("event_log_replay_\(bank)"), "\(vector.id) \(bank)")
                #expect(verdict.passedChecks.contains("quote_\(bank)_pcr_digest"), "\(vector.id) \(bank)")
            }
            #expect(verdict.claims["extra_data"] == quotes["sha256"]?["extra_data"], "\(vector.id)")
            #expect(verdict.claims["clock"] == quotes["sha1"]?["clock"], "\(vector.id)")
            let events = try #require(verdict.claims["events"]?.objectValue, "\(vector.id)")
            #expect(events.values.compactMap(\.arrayValue).map(\.count).reduce(0, +) == vector.fields["event_log_events"]?.integerValue.map(Int.init))
        }
    }

    /// A verifier configured with EK CAs of its own (assay serve --tpm-ek-roots) still trusts the built-in GCE
    /// pin when the GCE root arrives as collateral.
    @Test func configuredEKRootsKeepTheBuiltInPins() async throws {
        let ca = try TestCA(name: "An operator's TPM vendor")
        let configured = TPMVerifier(roots: try TPMEndorsementRoots(certificates: [("vendor.pem", ca.der)]))
        for vector in try Self.genuineGCE() {
            let verdict = try await configured.verify(try evidence(vector), context: try context(vector))
            #expect(verdict.isValid, "\(vector.id): \(verdict.failures)")
            #expect(verdict.claims["ak_endorsement"] == "ak_certificate", "\(vector.id)")
        }
    }

    @Test func nonceVectorBindsItsExtraData() async throws {
        let vector = try SharedVectors.vector("tpm-gce-cos85-nonce9009")
        var context = try context(vector)
        context.expectedReportData = .exact(try Hex.decode("9009"))
        #expect(try await verifier.verify(try evidence(vector), context: context).isValid)
        context.expectedReportData = .exact(try Hex.decode("9010"))
        let rejected = try await verifier.verify(try evidence(vector), context: context)
        #expect(Set(rejected.failures.map(\.check)) == ["report_data_binding"])
    }

    /// Each tampered copy must be rejected by exactly the checks the vectors say fail.
    @Test func tamperedCopiesAreRejectedByTheNamedCheck() async throws {
        let expected: [String: Set<String>] = [
            "tpm-gce-cos85-nonce9009__extradata": ["quote_sha1_signature"],
            "tpm-gce-cos85-nonce9009__quote-signature": ["quote_sha1_signature"],
            "tpm-gce-cos85-nonce9009__eventlog": ["event_log_replay_sha1"],
            "tpm-gce-cos85-nonce9009__swap-intermediate": ["ak_certificate_chain"],
            "tpm-goattest-windows-gcp__pcr-value": ["quote_pcr_digest"],
        ]
        let tampered = try Self.vectors().filter { !$0.expectedValid }
        #expect(tampered.count == expected.count, "tampered TPM vectors: \(tampered.map(\.id))")
        for vector in tampered {
            let verdict = try await verifier.verify(try evidence(vector), context: try context(vector))
            #expect(!verdict.isValid, "\(vector.id) was accepted")
            #expect(Set(verdict.failures.map(\.check)) == expected[vector.id], "\(vector.id): \(verdict.failures)")
        }
    }

    /// The go-attestation dump's edited PCR 13 breaks the quote's digest; its legacy SHA-1 event log still replays
    /// to every other reported value and to the edited one's original.
    @Test func goAttestationDumpParsesAndReplays() async throws {
        let vector = try SharedVectors.vector("tpm-goattest-windows-gcp__pcr-value")
        let parsed = try TPMEvidence(parsing: try evidence(vector))
        #expect(parsed.format == .goAttestation)
        let log = try #require(parsed.eventLog)
        #expect(log.format == .legacySHA1)
        #expect(log.events.count == vector.fields["event_log_events"]?.integerValue.map(Int.init))
        let reported = try #require(parsed.quotes.first?.pcrValues)
        let replayed = log.replay().values
        let differing = (replayed.banks[.sha1] ?? [:]).keys.filter { replayed[.sha1, $0] != reported[.sha1, $0] }
        #expect(differing == [13])
        #expect(parsed.akCreation != nil)
        let verdict = try await verifier.verify(parsed, context: try context(vector))
        #expect(verdict.passedChecks.contains("quote_signature"))
        #expect(verdict.passedChecks.contains("ak_creation_certified"))
        #expect(verdict.claims["ak_name"] == vector.fields["ak_name"])
    }

    /// Outside the AK certificate's validity window the genuine vectors are rejected.
    @Test func verificationOutsideTheValidityWindowFails() async throws {
        for vector in try Self.genuineGCE() {
            let window = try #require(vector.validityWindow)
            for instant in [window.notBefore.addingTimeInterval(-1), window.notAfter.addingTimeInterval(1)] {
                let verdict = try await verifier.verify(try evidence(vector), context: try context(vector, asOf: instant))
                #expect(verdict.failures.map(\.check) == ["ak_certificate_chain"], "\(vector.id) at \(instant)")
            }
        }
    }

    /// The unsigned event logs parse to the end with the event counts, types and replayed PCRs recorded.
    @Test func eventLogsParseToTheEndAndReplay() throws {
        let logs = try Self.vectors().filter { $0.files("log").count == 1 }
        try #require(logs.count >= 5, "expected the 5 unsigned event logs")
        for vector in logs {
            let bytes = try #require(try vector.bytes("log"))
            let log = try TCGEventLog(parsing: bytes)
            #expect(log.format == .cryptoAgile, "\(vector.id)")
            #expect(log.events.count == vector.fields["events"]?.integerValue.map(Int.init), "\(vector.id)")
            var types: [String: Int] = [:]
            for event in log.events { types[String(format: "0x%08x", event.type.rawValue), default: 0] += 1 }
            let expectedTypes = try #require(vector.fields["event_types"]?.objectValue)
            #expect(types.mapValues { JSONValue.integer(Int64($0)) } == expectedTypes, "\(vector.id)")
            let replayed = log.replay()
            #expect(replayed.incompleteBanks.isEmpty)
            if let expected = vector.fields["replayed"]?.objectValue {
                for (bank, values) in expected {
                    #expect(replayed.values.json[bank] == values, "\(vector.id) \(bank)")
                }
            }
        }
    }

    @Test func inspectorDescribesTheGCEAttestation() throws {
        let vector = try SharedVectors.vector("tpm-gce-cos85-nonce9009")
        let inspection = try TPMInspector().inspect(try evidence(vector))
        #expect(inspection.title.contains("go-tpm-tools, 3 quotes"))
        #expect(inspection.text.contains("extra_data        9009"))
        #expect(inspection.sections.contains { $0.title.hasPrefix("Event log (crypto_agile") })
    }
}
