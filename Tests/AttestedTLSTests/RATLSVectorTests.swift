import AssayTestSupport
import AttestationCore
import AttestedTLS
import CBOR
import Crypto
import Foundation
import Testing

/// The real RA-TLS certificates of `../shared/vectors/ratls` (Gramine and Intel's SGX SDK): their TCG tagged evidence
/// verifies to Intel's root as of 2025-01-01 (inside both PCK chains and both certificates) with partial collateral,
/// and binds each certificate's key; they are debug enclaves, so the default policy refuses them.
@Suite(.sharedVectors)
struct RATLSVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let file: String
        /// MRENCLAVE of the quote in the TCG extension (report body offset 64..<96), read from the vector.
        let mrEnclave: String
        /// The legacy extension beside it.
        let legacy: EvidenceCarrier
        var testDescription: String { file }
    }

    static let vectors = [
        Vector(
            file: "ratls/gramine_sgx_cert.pem", mrEnclave: "0866e7ca11b9f4efe4bf39b2607f4e1299f111920d96d95719080f01b62b7585",
            legacy: .gramineLegacy),
        Vector(
            file: "ratls/intel_sgxsdk_cert.pem", mrEnclave: "09e218a4be9dadbf7cdc82c45497d6d4f676d3b75445fc37a376f0b65b47de6a",
            legacy: .intelSDKLegacy),
    ]

    static let asOf = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    static func judge(_ der: [UInt8], data: JSONValue? = RealPeer.lenientSGXData) async throws -> PeerAttestation {
        try await AttestedPeerVerifier(policy: try RealPeer.policy(asOf: asOf, data: data)).judge(certificateDER: der)
    }

    static func certificate(_ vector: Vector) throws -> [UInt8] {
        try SharedVectors.require()
        return try RealPeer.certificate(vector.file)
    }

    @Test(arguments: vectors)
    func theTaggedEvidenceVerifiesAndBindsTheKey(_ vector: Vector) async throws {
        let der = try Self.certificate(vector)
        let found = try CertificateEvidence(certificateDER: der)
        #expect(found.carriersPresent == [.tcgTaggedEvidence, vector.legacy])
        #expect(found.carrier == .tcgTaggedEvidence)
        #expect(found.evidence.tee == .sgx)
        let spkiHash = Array(SHA256.hash(data: found.certificate.subjectPublicKeyInfo))
        #expect(found.claims?.publicKeyHash == .init(algorithm: .sha256, digest: spkiHash))

        let attestation = try await Self.judge(der)
        #expect(attestation.accepted, "\(attestation.reasons)")
        let outcome = try #require(attestation.outcome)
        #expect(outcome.verdict.isValid, "\(outcome.verdict.failures)")
        #expect(outcome.verdict.claims["mr_enclave"] == .string(vector.mrEnclave))
        #expect(outcome.verdict.claims["attributes"]?["debug"] == .bool(true))
        #expect(outcome.appraisal.status == .warning)
        #expect(!outcome.verdict.notes.isEmpty, "partial collateral leaves notes")
        #expect(attestation.binding["carrier"] == "tcg-tagged-evidence")
        #expect(attestation.binding["key_hash"]?.stringValue == "sha-256:" + Hex.encode(spkiHash))
        #expect(attestation.binding["spki_sha256"]?.stringValue == Hex.encode(spkiHash))
    }

    /// Under the default policy a debug enclave contraindicates the configuration (and no TCB info means no status).
    @Test(arguments: vectors)
    func theDefaultPolicyRefusesADebugEnclave(_ vector: Vector) async throws {
        let attestation = try await Self.judge(try Self.certificate(vector), data: nil)
        #expect(!attestation.accepted)
        #expect(attestation.outcome?.verdict.isValid == true)
        #expect(attestation.outcome?.appraisal.status == .contraindicated)
        #expect(attestation.reasons.count == 1)
        let reason = try #require(attestation.reasons.first)
        #expect(reason.hasPrefix("appraisal status contraindicated"), "\(reason)")
        #expect(reason.contains("debug_disabled"), "\(reason)")
        #expect(reason.contains("attributes.debug = true"), "\(reason)")
    }

    /// One bit of MRENCLAVE flipped inside the TCG extension (in place: no length changes, the certificate's own
    /// signature is not checked) fails the quote signature, and only that.
    @Test(arguments: vectors)
    func aFlippedBitInTheQuoteFailsItsSignature(_ vector: Vector) async throws {
        var der = try Self.certificate(vector)
        let found = try CertificateEvidence(certificateDER: der)
        // Intel's legacy extension holds the same quote: find it inside the TCG extension's value.
        let value = try #require(found.certificate.extension(EvidenceCarrier.tcgTaggedEvidence.oid)?.value)
        let valueStart = try #require(der.firstRange(of: value)?.lowerBound)
        let quoteStart = try #require(value.firstRange(of: found.evidence.bytes)?.lowerBound)
        let mrEnclave = valueStart + quoteStart + 48 + 64
        der[mrEnclave] ^= 0x01
        let attestation = try await Self.judge(der)
        #expect(!attestation.accepted)
        let failed = attestation.outcome?.verdict.failures.map(\.check) ?? []
        #expect(failed == ["quote_signature"], "\(attestation.reasons)")
        #expect(attestation.reasons.contains { $0.hasPrefix("quote_signature") }, "\(attestation.reasons)")
    }

    /// Gramine's legacy extension alone (the TCG extension cut out): its quote binds SHA-256(SPKI) and verifies.
    @Test func graminesLegacyExtensionAloneBindsTheKey() async throws {
        let vector = try #require(Self.vectors.first { $0.legacy == .gramineLegacy })
        let der = try CertificateSurgery.keepingExtensions(of: try Self.certificate(vector)) {
            $0 != EvidenceCarrier.tcgTaggedEvidence.oid
        }
        let found = try CertificateEvidence(certificateDER: der)
        #expect(found.carriersPresent == [.gramineLegacy])
        #expect(found.claims == nil)
        let attestation = try await Self.judge(der)
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.binding["carrier"] == "gramine-legacy")
        #expect(attestation.binding["rule"] == "report_data[0:32] = SHA-256(SPKI DER)")
        let reportData = try #require(attestation.outcome?.verdict.claims["report_data"]?.stringValue)
        #expect(reportData.hasPrefix(Hex.encode(SHA256.hash(data: found.certificate.subjectPublicKeyInfo))))

        let fresh = try await AttestedPeerVerifier(policy: try RealPeer.policy(asOf: Self.asOf, data: RealPeer.lenientSGXData))
            .judge(certificateDER: der, expecting: PeerExpectation(nonce: [1]))
        #expect(!fresh.accepted)
        #expect(fresh.reasons.first?.contains("cannot carry a nonce") == true, "\(fresh.reasons)")
    }

    /// Intel SDK's legacy extension does not bind SHA-256(SPKI), which is why its TCG extension is judged first:
    /// alone, it is refused on the binding.
    @Test func intelsLegacyExtensionAloneDoesNotBindTheKey() async throws {
        let vector = try #require(Self.vectors.first { $0.legacy == .intelSDKLegacy })
        let der = try CertificateSurgery.keepingExtensions(of: try Self.certificate(vector)) {
            $0 != EvidenceCarrier.tcgTaggedEvidence.oid
        }
        let attestation = try await Self.judge(der)
        #expect(!attestation.accepted)
        #expect(attestation.binding["carrier"] == "intel-sgx-sdk-legacy")
        #expect(attestation.outcome?.verdict.failures.map(\.check) == ["report_data_binding"])
    }
}
