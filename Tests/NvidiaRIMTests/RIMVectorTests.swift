import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaRIM
import Testing

/// NVIDIA's RIMs of `../shared/vectors`: each verifies (or not) as `expected.jsonl` says, as of its
/// `suggested_as_of`, with the checks and fields it lists; the tampered one fails `document_digest` alone.
@Suite(.sharedVectors)
struct RIMVectorTests {
    /// The claims compared with `expected.jsonl`'s fields (same names).
    static let comparedFields = [
        "tag_id", "product", "colloquial_version", "signing_chain", "active_measurements", "measurements", "dsig_algorithms",
    ]

    @Test func everyRIMMeetsItsExpectation() throws {
        let vectors = try RIMVectors.all()
        try #require(vectors.count == 4, "3 genuine RIMs and 1 tampered in expected.jsonl")
        for vector in vectors {
            let verification = try RIMVerifier().verify(try RIMVectors.bytes(vector), at: try RIMVectors.asOf(vector))
            let verdict = verification.verdict
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            let failed = Set(verdict.failures.map(\.check))
            let ran = failed.union(verdict.passedChecks)
            let checks = try #require(vector.checks.objectValue)
            #expect(checks.count == 7, "\(vector.id)")
            for (name, value) in checks {
                #expect(ran.contains(name), "\(vector.id): check \(name) was not run")
                #expect(failed.contains(name) == (value == .bool(false)), "\(vector.id): \(name) \(verdict.failures)")
            }
            for field in Self.comparedFields {
                #expect(verdict.claims[field] == vector.fields[field], "\(vector.id): \(field)")
            }
        }
    }

    /// The tampered copy differs from the genuine RIM in one measurement digit: the document digest fails and
    /// nothing else does (the SignedInfo signature still verifies).
    @Test func anEditedMeasurementFailsTheDocumentDigestOnly() throws {
        let verification = try RIMVerifier().verify(
            try RIMVectors.bytes(RIMVectors.tamperedVBIOS), at: try RIMVectors.asOf(RIMVectors.tamperedVBIOS))
        #expect(verification.verdict.failures.map(\.check) == ["document_digest"])
        #expect(verification.verdict.failures.first?.observed.contains("altered") == true)
    }

    /// Verified today, the signer certificate (2023-06-23 to 2025-06-22) has expired: only the chain's validity fails,
    /// and the failure names the window; the day before it began, likewise.
    @Test(arguments: [RIMVectors.vbios, RIMVectors.driverTest])
    func outsideItsWindowARIMFailsValidity(id: String) throws {
        let vector = try SharedVectors.vector(id)
        let window = try #require(vector.validityWindow)
        for instant in [Date(), window.notBefore.addingTimeInterval(-86400)] {
            let verdict = try RIMVerifier().verify(try RIMVectors.bytes(vector), at: instant).verdict
            #expect(verdict.failures.map(\.check) == ["rim_chain_validity"], "\(id) at \(instant)")
            let failure = try #require(verdict.failures.first)
            #expect(failure.observed.contains("'HCC RIM L4 Signer' valid \(RFC3339.format(window.notBefore))"))
            #expect(failure.expected.contains("valid from \(RFC3339.format(window.notBefore)) to \(RFC3339.format(window.notAfter))"))
        }
        #expect(try RIMVerifier().verify(try RIMVectors.bytes(vector), at: window.notAfter).isValid)
    }

    /// The built-in root is the vectors' NVIDIA CoRIM signing Root CA, pinned by the SHA-256 the vectors' README
    /// gives, and it is the last certificate of every genuine RIM's X509Data.
    @Test func theBuiltInRootIsNVIDIAsPinnedRoot() throws {
        let anchor = try #require(NvidiaRIMRootCA.anchors.first)
        #expect(NvidiaRIMRootCA.anchors.count == 1)
        #expect(Hex.encode(anchor.sha256) == "12977b5115acb0381179279fffeb5a8c4d264971ebb32298023a465fa41df5d1")
        let pem = try Data(contentsOf: SharedVectors.root.appendingPathComponent("nvidia/roots/nvtrust_verifier_RIM_root.pem"))
        #expect(try PEM.certificates(in: Array(pem)) == [anchor.derBytes])
        for id in [RIMVectors.vbios, RIMVectors.vbiosTest, RIMVectors.driverTest] {
            let manifest = try ReferenceIntegrityManifest(parsing: try RIMVectors.bytes(id))
            #expect(manifest.signature.certificates.last == anchor.derBytes, "\(id)")
            #expect(manifest.signature.certificates.count == 4, "\(id)")
        }
    }

    /// The parsed RIM keeps its bytes and reads what NVIDIA's verifier reads: Meta, every Resource, the signature.
    @Test func theParserReadsEveryPartOfARIM() throws {
        let bytes = try RIMVectors.bytes(RIMVectors.vbios)
        let manifest = try ReferenceIntegrityManifest(parsing: bytes)
        #expect(manifest.bytes == bytes)
        #expect(manifest.product == "GH100")
        #expect(manifest.measurements.count == 64)
        #expect(manifest.measurements.map(\.index) == Array(0..<64))
        let twelve = try #require(manifest.measurements.first { $0.index == 12 })
        #expect(twelve.alternatives.count == 4 && twelve.size == 48 && twelve.isActive && twelve.name == "Measurement_12")
        #expect(twelve.blockIndex == 13)
        #expect(manifest.signature.signatureValue.count == 96)
        #expect(manifest.signature.references.map(\.uri) == [""])
        #expect(manifest.signature.references.first?.digestValue.count == 48)
    }
}
