import AssayTestSupport
import AttestationCore
import Foundation
import PKI
import SEVSNP
import Testing

/// The real SEV-SNP vectors of `../shared/vectors` (platform `snp`): genuine ones verify as of `suggested_as_of`
/// with the claims `expected.jsonl` lists, tampered ones are rejected by the check the vector names, and every
/// genuine one is rejected outside its validity window.
@Suite struct SharedVectorTests {
    static func vectors() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("snp").filter { !$0.id.hasPrefix("snp-cert-") }
    }

    static func evidence(_ vector: SharedVectors.Vector) throws -> Evidence {
        let raw = try #require(try vector.bytes("report"))
        return Evidence(tee: .snp, bytes: EvidenceEncoding.decode(raw).bytes)
    }

    static func context(_ vector: SharedVectors.Vector, asOf: Date? = nil) throws -> VerificationContext {
        let items = try ["vcek", "ca"].flatMap { role in
            try vector.files(role).map { CollateralItem(source: $0.path, bytes: Array(try Data(contentsOf: $0))) }
        }
        return VerificationContext(asOf: try asOf ?? #require(vector.suggestedAsOf), collateral: items)
    }

    /// Checks this verifier emits that the vectors' `checks` also name (the others are the vector generator's own:
    /// `report_length` is a parse precondition here, `validity_window_nonempty` describes the vector file).
    static let sharedCheckNames: Set<String> = [
        "amd_chain_signatures", "amd_root_pinned", "ark_ask_product_matches", "report_generation_matches_cert",
        "report_signature", "signature_algo_is_ecdsa_p384_sha384", "signing_key_matches_cert_kind",
        "vcek_hwid_matches_chip_id", "vcek_is_p384", "vcek_tcb_matches_reported_tcb",
    ]

    @Test(.sharedVectors) func everyVectorMeetsItsExpectation() async throws {
        let vectors = try Self.vectors()
        try #require(vectors.count >= 14, "expected the 7 genuine and 7 tampered SNP vectors")
        var genuine = 0
        var tampered = 0
        for vector in vectors {
            let verdict = try await SEVSNPVerifier().verify(try Self.evidence(vector), context: try Self.context(vector))
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            let failed = Set(verdict.failures.map(\.check))
            for (name, value) in vector.checks.objectValue ?? [:] where Self.sharedCheckNames.contains(name) {
                let expected = try #require(value.boolValue as Bool?)
                if expected {
                    #expect(!failed.contains(name), "\(vector.id): \(name) should pass: \(verdict.failures)")
                } else {
                    #expect(failed.contains(name), "\(vector.id): \(name) should fail; failures: \(verdict.failures)")
                }
            }
            for name in vector.checks.objectValue?.keys.sorted() ?? [] where !Self.sharedCheckNames.contains(name) {
                #expect(["report_length", "validity_window_nonempty"].contains(name), "\(vector.id): unmapped check \(name)")
            }
            try SNPVectorFieldMapping.expectMatch(vector.fields, claims: verdict.claims, vector: vector.id)
            if vector.expectedValid { genuine += 1 } else { tampered += 1 }
        }
        #expect(genuine >= 7 && tampered >= 7)
    }

    @Test(.sharedVectors) func genuineVectorsAreRejectedOutsideTheirValidityWindow() async throws {
        let genuine = try Self.vectors().filter(\.expectedValid)
        try #require(genuine.count >= 7, "expected the 7 genuine SNP report vectors")
        for vector in genuine {
            let window = try #require(vector.validityWindow)
            let inside = try await SEVSNPVerifier().verify(
                try Self.evidence(vector), context: try Self.context(vector, asOf: window.notBefore.addingTimeInterval(1)))
            #expect(inside.isValid, "\(vector.id) at the window's start: \(inside.failures)")
            for instant in [window.notBefore.addingTimeInterval(-86400), window.notAfter.addingTimeInterval(86400)] {
                let verdict = try await SEVSNPVerifier().verify(
                    try Self.evidence(vector), context: try Self.context(vector, asOf: instant))
                #expect(!verdict.isValid, "\(vector.id) at \(instant)")
                #expect(verdict.failures.contains { $0.check.hasSuffix("_validity") }, "\(vector.id): \(verdict.failures)")
            }
        }
    }

    @Test(.sharedVectors) func reportsRoundTripByteExact() throws {
        let vectors = try Self.vectors()
        try #require(vectors.count >= 14, "expected the 7 genuine and 7 tampered SNP vectors")
        for vector in vectors {
            let evidence = try SNPEvidence(parsing: try Self.evidence(vector))
            #expect(evidence.report.serialized == evidence.report.bytes, "\(vector.id)")
            #expect(try AttestationReport(parsing: evidence.report.serialized) == evidence.report)
        }
    }

    /// `snp-cert-*`: certificates without a report. Turin's genuine VCEK chains to the pinned ARK-Turin; the
    /// synthetic ones parse (raw and DER OCTET STRING hwID) but are not signed by AMD.
    @Test(.sharedVectors) func certificateVectors() throws {
        let vectors = try SharedVectors.platform("snp").filter { $0.id.hasPrefix("snp-cert-") }
        #expect(vectors.count == 3)
        for vector in vectors {
            let leaf = try AMDCertificate(derEncoded: try #require(try vector.bytes("cert")), source: vector.id)
            let chain = try SNPCollateral(items: [CollateralItem(source: "ca", bytes: try #require(try vector.bytes("ca")))])
            let ask = try #require(chain.certificates(.ask).first)
            let ark = try #require(chain.certificates(.ark).first)
            #expect(AMDRootKeys.anchors.contains { $0.derBytes == ark.certificate.derBytes }, "\(vector.id): ARK pinned")
            let signed = leaf.isSigned(by: ask) && ask.isSigned(by: ark) && ark.isSigned(by: ark)
            #expect(signed == vector.expectedValid, "\(vector.id)")
            #expect(leaf.certificate.isValid(at: try #require(vector.suggestedAsOf)))
            let fields = vector.fields
            #expect(leaf.name == fields["subject_cn"]?.stringValue)
            #expect(leaf.certificate.serialNumber.isEmpty && fields["serial"] == 0)
            try SNPVectorFieldMapping.expectExtensions(
                try #require(fields["extensions"]), leaf.extensions.claims, vector: vector.id)
        }
    }

    @Test func builtInRootsMatchThePins() throws {
        #expect(AMDRootKeys.anchors.count == 3)
        for anchor in AMDRootKeys.anchors {
            let generation = try #require(ProductGeneration(productName: String(anchor.name.dropFirst(4))))
            #expect(Hex.encode(anchor.sha256) == AMDRootKeys.pins[generation])
            let ark = try AMDCertificate(derEncoded: anchor.derBytes, source: anchor.name)
            #expect(ark.role == .ark && ark.generation == generation && ark.isSigned(by: ark))
        }
    }

    /// The ARKs the vectors ship (virtee's copies) are the built-in ones.
    @Test(.sharedVectors) func vectorRootsAreTheBuiltInRoots() throws {
        try SharedVectors.require()
        for generation in ProductGeneration.allCases {
            let url = SharedVectors.root.appendingPathComponent("snp/amd_roots/virtee_\(generation.rawValue.lowercased())_ark.pem")
            let der = try #require(try PEM.certificates(in: Array(try Data(contentsOf: url))).first)
            #expect(AMDRootKeys.anchors.contains { $0.derBytes == der })
        }
    }
}
