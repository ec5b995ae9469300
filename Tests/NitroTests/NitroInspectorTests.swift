import AssayTestSupport
import AttestationCore
import Foundation
import Nitro
import Testing

/// `assay inspect --tee nitro` on the real documents: every field of `expected.jsonl` shows, by name.
@Suite(.sharedVectors)
struct NitroInspectorTests {
    static func field(_ inspection: Inspection, _ section: String, _ name: String) -> String? {
        inspection.sections.first { $0.title.hasPrefix(section) }?.fields.first { $0.name == name }?.value
    }

    @Test func everyDocumentShowsItsFields() throws {
        let vectors = try NitroVectorTests.documents()
        try #require(vectors.count == 6, "3 genuine and 3 tampered Nitro documents in expected.jsonl")
        for vector in vectors {
            let inspection = try NitroInspector().inspect(Evidence(tee: .nitro, bytes: try NitroVectorTests.evidence(vector)))
            let fields = vector.fields
            #expect(Self.field(inspection, "Document", "module_id") == fields["module_id"]?.stringValue, "\(vector.id)")
            #expect(Self.field(inspection, "Document", "digest") == "SHA384")
            let timestamp = try #require(fields["timestamp_ms"]?.integerValue)
            #expect(Self.field(inspection, "Document", "timestamp")?.hasPrefix("\(timestamp) (") == true)
            #expect(Self.field(inspection, "COSE_Sign1", "alg") == "-35 (ES384)")
            #expect(Self.field(inspection, "Certificate", "subject") == fields["leaf_cn"]?.stringValue, "\(vector.id)")
            let bundle = try #require(fields["cabundle"]?.arrayValue)
            let bundleSections = inspection.sections.filter { $0.title.hasPrefix("CA bundle [") }
            #expect(bundleSections.map { $0.fields.first?.value } == bundle.map(\.stringValue), "\(vector.id)")
            if vector.expectedValid {
                #expect(bundleSections.first?.fields.contains { $0.value.hasSuffix("(AWS Nitro Enclaves Root-G1)") } == true)
                let pcrs = try #require(fields["pcrs"]?.objectValue)
                for (index, value) in pcrs {
                    #expect(Self.field(inspection, "PCRs", "pcr\(index)")?.hasPrefix(value.stringValue ?? "?") == true, "\(vector.id) pcr\(index)")
                }
            }
            if let nonce = fields["nonce"]?.stringValue {
                #expect(Self.field(inspection, "Document", "nonce")?.hasPrefix(nonce) == true, "\(vector.id)")
            }
        }
    }

    /// The debug document: PCR0 all zero says debug, and its printable user_data shows as text too.
    @Test func debugModeAndTextUserDataAreSpelledOut() throws {
        let vector = try SharedVectors.vector("nitro-evervault-beta-debug-mode-attestation-doc")
        let inspection = try NitroInspector().inspect(Evidence(tee: .nitro, bytes: try NitroVectorTests.evidence(vector)))
        #expect(Self.field(inspection, "Document", "debug")?.hasPrefix("yes") == true)
        #expect(Self.field(inspection, "Document", "user_data")?.contains("\"hello, world!\"") == true)
        #expect(Self.field(inspection, "PCRs", "pcr0")?.hasSuffix("(zero)") == true)
    }

    /// Bytes that are not a COSE_Sign1 are refused with the Nitro error, not shown.
    @Test func malformedBytesThrow() {
        #expect(throws: NitroError.self) { try NitroInspector().inspect(Evidence(tee: .nitro, bytes: [0x84, 0x40])) }
    }
}
