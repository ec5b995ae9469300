import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay inspect|attest --tee nitro`: the inspector on a real document, the attester outside an enclave.
@Suite(.serialized) struct NitroCLITests {
    static let vectors = SharedVectors.root.path

    @Test(.sharedVectors) func inspectShowsEveryFieldByName() throws {
        try SharedVectors.require()
        let result = try AssayProcess.run(
            ["inspect", "--tee", "nitro", "\(Self.vectors)/nitro/evervault_valid_attestation_doc.b64"], in: try AssayProcess.scratch())
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["AWS Nitro Enclaves attestation document", "COSE_Sign1", "-35 (ES384)", "module_id", "timestamp",
                     "2023-09-18T", "pcr0", "pcr8", "user_data", "nonce", "public_key", "CA bundle [0]",
                     "AWS Nitro Enclaves Root-G1", "debug", "not_after"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    /// Outside an enclave (no device, or a device path that is a regular file) attest exits 2 naming the cause.
    @Test(arguments: [("/nonexistent/nsm", "Nitro enclave"), ("rd.json", "is not the Nitro Secure Module")])
    func attestOutsideAnEnclaveExitsTwo(device: String, cause: String) throws {
        let scratch = try AssayProcess.scratch()
        try Data(#"{"nonce":"n"}"#.utf8).write(to: scratch.appendingPathComponent("rd.json"))
        let result = try AssayProcess.run(
            ["attest", "--tee", "nitro", "--runtime-data", "rd.json", "--out", "doc.cbor"], in: scratch,
            environment: ["ASSAY_NSM_DEVICE": device])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(cause), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("doc.cbor").path))
    }

    /// The bench suite runs on the real document (each case throws unless the document verifies).
    @Test(.sharedVectors) func benchSuiteVerifiesTheRealDocument() throws {
        try SharedVectors.require()
        let result = try AssayProcess.run(
            ["bench", "--suite", "nitro", "--seconds", "0.2", "--format", "json"], in: try AssayProcess.scratch(),
            environment: ["ASSAY_VECTORS": Self.vectors])
        #expect(result.status == 0, "\(result.stderr)")
        let rates = try JSONValue(parsing: result.stdout)["results"]?.arrayValue?.compactMap { $0["per_second"]?.integerValue } ?? []
        #expect(rates.count == 3 && rates.allSatisfy { $0 > 0 }, "\(result.stdout)")
    }
}
