import AssayTestSupport
import AttestationCore
import CBOR
import Crypto
import Foundation
import Nitro
import Testing

/// The real Nitro attestation documents of `../shared/vectors` (platform `nitro`): genuine ones verify as of their
/// `suggested_as_of` with the fields `expected.jsonl` lists, tampered ones fail the checks it names.
@Suite(.sharedVectors)
struct NitroVectorTests {
    /// The checks of `expected.jsonl` this verifier emits (`validity_window_nonempty` describes the vector file).
    static let sharedChecks: Set<String> = [
        "cabundle_root_equals_pinned_root", "cose_alg_es384", "cose_signature", "nitro_chain_signatures",
        "nitro_root_pinned", "timestamp_within_leaf_validity",
    ]

    static func documents() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("nitro").filter { $0.file("doc") != nil }
    }

    static func evidence(_ vector: SharedVectors.Vector) throws -> [UInt8] {
        let raw = Array(try Data(contentsOf: try #require(vector.file("doc"))))
        return EvidenceEncoding.decode(raw).bytes
    }

    static func asOf(_ vector: SharedVectors.Vector) throws -> Date {
        if let date = vector.suggestedAsOf { return date }
        let origin = try SharedVectors.vector(try #require(vector.tamperedFrom))
        return try #require(origin.suggestedAsOf)
    }

    static func verify(_ bytes: [UInt8], at instant: Date, expected: ExpectedReportData? = nil) async throws -> Verdict {
        try await NitroVerifier().verify(
            Evidence(tee: .nitro, bytes: bytes), context: VerificationContext(asOf: instant, expectedReportData: expected))
    }

    @Test func everyDocumentMeetsItsExpectation() async throws {
        let vectors = try Self.documents()
        try #require(vectors.count == 6, "3 genuine and 3 tampered Nitro documents in expected.jsonl")
        for vector in vectors {
            let verdict = try await Self.verify(try Self.evidence(vector), at: try Self.asOf(vector))
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            let failed = Set(verdict.failures.map(\.check))
            for (name, value) in vector.checks.objectValue ?? [:] where Self.sharedChecks.contains(name) {
                #expect(failed.contains(name) == (value == false), "\(vector.id): \(name) \(verdict.failures)")
            }
            let fields = vector.fields
            #expect(verdict.claims["module_id"] == fields["module_id"], "\(vector.id)")
            #expect(verdict.claims["digest"] == fields["digest"])
            #expect(verdict.claims["timestamp"]?.integerValue == fields["timestamp_ms"]?.integerValue)
            #expect(verdict.claims["debug"] == fields["debug_mode_pcr0_zero"], "\(vector.id)")
            #expect(verdict.claims["certificate_cn"] == fields["leaf_cn"])
            #expect(verdict.claims["cabundle"] == fields["cabundle"], "\(vector.id)")
            #expect(verdict.claims["nonce"] == fields["nonce"], "\(vector.id)")
            if vector.expectedValid { #expect(verdict.claims["pcrs"] == fields["pcrs"], "\(vector.id)") }
        }
    }

    /// Outside the three hours of its leaf certificate a genuine document fails the chain's validity.
    @Test func aGenuineDocumentExpiresWithItsCertificate() async throws {
        let vector = try SharedVectors.vector("nitro-evervault-beta-valid-attestation-doc")
        let later = try Self.asOf(vector).addingTimeInterval(86400)
        let verdict = try await Self.verify(try Self.evidence(vector), at: later)
        #expect(verdict.failures.map(\.check) == ["nitro_chain_validity"])
    }

    /// COSE variants: tagged 18 verifies like untagged; another tag, an algorithm other than ES384 in the protected
    /// header (re-encoded, so the signature fails too), a missing user_data under a binding, all fail by name.
    @Test func coseVariantsAndBindingAreJudged() async throws {
        let vector = try SharedVectors.vector("nitro-evervault-beta-valid-attestation-doc")
        let bytes = try Self.evidence(vector)
        let instant = try Self.asOf(vector)
        let tagged = CBORWriter.encode(.tagged(18, try CBORReader.decode(bytes)))
        #expect(try await Self.verify(tagged, at: instant).isValid)
        let otherTag = CBORWriter.encode(.tagged(17, try CBORReader.decode(bytes)))
        await #expect(throws: NitroError.self) { try await Self.verify(otherTag, at: instant) }

        let parts = try #require(try CBORReader.decode(bytes).arrayValue)
        let es256 = CBORWriter.encode(.map([CBORMapEntry(.unsigned(1), .negative(6))]))
        let swapped = CBORWriter.encode(.array([.bytes(es256)] + parts.dropFirst()))
        let verdict = try await Self.verify(swapped, at: instant)
        #expect(Set(verdict.failures.map(\.check)) == ["cose_alg_es384", "cose_signature"])

        let payload = try #require(parts[2].bytesValue)
        let userData = try #require(try CBORReader.decode(payload)["user_data"])
        let bound = try await Self.verify(bytes, at: instant, expected: .exact([UInt8](repeating: 1, count: 64)))
        if userData.isNull {
            #expect(bound.failures.map(\.check) == ["report_data_binding"])
        } else {
            #expect(bound.failures.map(\.check) == ["report_data_binding"])
            let exact = try await Self.verify(bytes, at: instant, expected: .exact(try #require(userData.bytesValue)))
            #expect(exact.isValid, "\(exact.failures)")
        }
    }

    /// A configured trust anchor that is not a certificate is refused with a named error, not ignored.
    @Test func anUnusableTrustAnchorIsAClearError() async throws {
        let vector = try SharedVectors.vector("nitro-evervault-beta-valid-attestation-doc")
        let other = P384.Signing.PrivateKey()
        let context = VerificationContext(
            asOf: try Self.asOf(vector),
            trustAnchors: [TrustAnchor(name: "not AWS", derBytes: Array(other.publicKey.derRepresentation))])
        await #expect(throws: NitroError.self) {
            try await NitroVerifier().verify(Evidence(tee: .nitro, bytes: try Self.evidence(vector)), context: context)
        }
    }
}
