import AssayTestSupport
import Appraisal
import AttestationCore
import CBOR
import CoRIM
import Foundation
import Testing

/// CoRIMs from an independent encoder (cbor2, scripts/interop/make_corim.py) → Assay reference values: the SEV-SNP,
/// TDX and SGX mappings, everything not imported named, signed CoRIMs refused unless accepted unverified.
struct CoRIMImportTests {
    static let snpClass = "d05e6d1b9f464ae2a610ce3e6ee7e153"

    static func document(_ tags: [JSONValue], signed: Bool = false) -> JSONValue {
        .object(["id": "corim-test", "profile": "https://example.com/profile", "signed": .bool(signed), "tags": .array(tags)])
    }

    static func comid(_ id: String, _ triples: [JSONValue], bare: Bool = false, endorsed: Int = 0) -> JSONValue {
        .object(["kind": "comid", "tag_id": .string(id), "reference": .array(triples), "bare": .bool(bare), "endorsed": .integer(Int64(endorsed))])
    }

    static func triple(_ environment: JSONValue, _ measurements: [JSONValue]) -> JSONValue {
        .object(["env": environment, "measurements": .array(measurements)])
    }

    static func imported(_ spec: JSONValue, allowUnverified: Bool = false) throws -> CoRIMImport {
        try CoRIMImport(CoRIM(parsing: try CoRIMEncoder.encode(spec)), source: "test.cbor", allowUnverifiedSignature: allowUnverified)
    }

    /// The one reference value for `claim` (fails unless there is exactly one).
    static func value(_ result: CoRIMImport, _ tee: TEEKind, _ claim: String) throws -> ReferenceValue {
        let matching = result.referenceValues.filter { $0.tee == tee && $0.claim == claim }
        try #require(matching.count == 1, "\(claim): \(matching.count) reference values")
        return try #require(matching.first)
    }

    @Test func snpProfileTriplesBecomeSNPClaims() throws {
        let measurement = CoRIMEncoder.hex(48, 1), family = CoRIMEncoder.hex(16, 2), host = CoRIMEncoder.hex(32, 3)
        let spec = Self.document([
            Self.comid("snp-launch", [
                Self.triple(["class_uuid": .string(Self.snpClass)], [
                    ["mkey": 0, "digests": [[7, .string(measurement)]], "svn": ["min": 3], "raw": .string(family), "version": "00112233445566778899aabbccddeeff", "flags": ["0": true]],
                    ["mkey": 2, "raw": 0],
                    ["mkey": 8, "raw": .string(host)],
                    ["mkey": 7, "svn": ["exact": 99]],
                ]),
                Self.triple(["vendor": "AMD", "model": "SEV-SNP"], [["digests": [[7, .string(CoRIMEncoder.hex(48, 9))]]]]),
            ])
        ])
        let result = try Self.imported(spec)
        #expect(try Self.value(result, .snp, "guest_svn").minimum == 3)
        #expect(try Self.value(result, .snp, "family_id").values == [family])
        #expect(try Self.value(result, .snp, "image_id").values == ["00112233445566778899aabbccddeeff"])
        #expect(try Self.value(result, .snp, "vmpl").values == ["0"])
        #expect(try Self.value(result, .snp, "host_data").values == [host])
        let measurements = result.referenceValues.filter { $0.claim == "measurement" }
        #expect(measurements.count == 2 && Set(measurements.flatMap(\.values)) == [measurement, CoRIMEncoder.hex(48, 9)])
        #expect(measurements.allSatisfy { $0.component == .executables && $0.provenance.contains("CoMID snp-launch") })
        #expect(result.referenceValues.count == 7)
        #expect(result.skipped.count == 2)
        #expect(result.skipped.contains { $0.contains("measurements[0]") && $0.contains("flags") })
        #expect(result.skipped.contains { $0.contains("mkey 7") })
    }

    @Test func tdxTriplesBecomeDCAPClaims() throws {
        let mrtd = CoRIMEncoder.hex(48, 4), rtmr1 = CoRIMEncoder.hex(48, 5)
        let spec = Self.document([
            Self.comid("tdx-td", [
                Self.triple(["vendor": "Intel Corporation", "model": "TDX"], [
                    ["mkey": "MR_TD", "digests": [[7, .string(mrtd)], ["sha-384", .string(CoRIMEncoder.hex(48, 6))]]],
                    ["mkey": "rtmr1", "raw": .string(rtmr1)],
                    ["mkey": "mr_seam", "digests": [[1, .string(CoRIMEncoder.hex(32, 7))]]],
                    ["mkey": "tdx-report", "registers": ["0": [[7, .string(CoRIMEncoder.hex(48, 8))]], "rtmr2": [[7, .string(CoRIMEncoder.hex(48, 9))]], "7": [[7, .string(CoRIMEncoder.hex(48, 10))]]]],
                    ["mkey": "mr_config_id", "raw": .string(CoRIMEncoder.hex(47, 1))],
                ])
            ])
        ])
        let result = try Self.imported(spec)
        #expect(try Self.value(result, .tdx, "mr_td").values == [mrtd, CoRIMEncoder.hex(48, 6)])
        #expect(try Self.value(result, .tdx, "rtmr1").values == [rtmr1])
        #expect(try Self.value(result, .tdx, "rtmr0").values == [CoRIMEncoder.hex(48, 8)])
        #expect(try Self.value(result, .tdx, "rtmr2").values == [CoRIMEncoder.hex(48, 9)])
        #expect(result.referenceValues.count == 4)
        #expect(result.skipped.count == 3, "\(result.skipped)")
        #expect(result.skipped.contains { $0.contains("mr_seam") && $0.contains("algorithm 1") })
        #expect(result.skipped.contains { $0.contains("integrity register 7") })
        #expect(result.skipped.contains { $0.contains("mr_config_id") })
    }

    @Test func sgxTriplesBecomeEnclaveClaims() throws {
        let enclave = CoRIMEncoder.hex(32, 11), signer = CoRIMEncoder.hex(32, 12)
        let spec = Self.document([
            Self.comid("sgx-enclave", [
                Self.triple(["vendor": "Intel", "model": "SGX"], [
                    ["mkey": "mr_enclave", "digests": [[1, .string(enclave)]], "svn": ["exact": 5]],
                    ["mkey": "mrsigner", "raw": .string(signer)],
                    ["mkey": "isv_prod_id", "raw": 1],
                    ["mkey": "isv_svn", "svn": ["min": 2]],
                    ["mkey": "config_id", "raw": .string(CoRIMEncoder.hex(64, 1))],
                ])
            ])
        ])
        let result = try Self.imported(spec)
        #expect(try Self.value(result, .sgx, "mr_enclave").values == [enclave])
        #expect(try Self.value(result, .sgx, "mr_signer").values == [signer])
        #expect(try Self.value(result, .sgx, "isv_prod_id").values == ["1"])
        let svns = result.referenceValues.filter { $0.claim == "isv_svn" }
        #expect(svns.count == 2 && svns.contains { $0.values == ["5"] } && svns.contains { $0.minimum == 2 })
        #expect(result.skipped == ["test.cbor CoMID 'sgx-enclave' reference-triples[0] measurements[4]: mkey 'config_id' has no sgx claim"])
        // The reference values are a valid Assay document.
        let document = ReferenceValueSet(result.referenceValues).json
        #expect(try ReferenceValueSet(json: document.compactBytes).entries.count == 5)
    }

    @Test func whatIsNotImportedIsNamed() throws {
        let spec = Self.document([
            Self.comid("mixed", [
                Self.triple(["vendor": "ACME", "model": "Widget"], [["digests": [[7, .string(CoRIMEncoder.hex(48, 1))]]]]),
                Self.triple(["vendor": "AMD", "model": "SNP", "instance": .string(CoRIMEncoder.hex(64, 2))], [["digests": [[7, .string(CoRIMEncoder.hex(48, 1))]]]]),
                Self.triple(["vendor": "AMD", "model": "snp"], [["mkey": 0, "masked": [.string(CoRIMEncoder.hex(16, 1)), .string(CoRIMEncoder.hex(16, 2))]]]),
            ], bare: true, endorsed: 2),
            ["kind": "coswid"],
        ])
        let result = try Self.imported(spec)
        #expect(result.referenceValues.isEmpty)
        let expected = [
            "tags[1]: CoSWID", "endorsed-triples (2)", "vendor 'ACME', model 'Widget' is not SEV-SNP, TDX or SGX",
            "reference-triples[1]: names one instance", "masked raw value",
        ]
        #expect(result.skipped.count == expected.count, "\(result.skipped)")
        for fragment in expected { #expect(result.skipped.contains { $0.contains(fragment) }, "\(fragment) in \(result.skipped)") }
    }

    @Test func signedCoRIMsAreRefusedUnlessAcceptedUnverified() throws {
        let digest = CoRIMEncoder.hex(48, 1)
        let spec = Self.document(
            [Self.comid("signed", [Self.triple(["class_uuid": .string(Self.snpClass)], [["digests": [[7, .string(digest)]]]])])], signed: true)
        let bytes = try CoRIMEncoder.encode(spec)
        let corim = try CoRIM(parsing: bytes)
        #expect(corim.isSigned)
        #expect(throws: CoRIMError.signatureNotVerified) { try CoRIMImport(corim, source: "signed.cbor") }
        let accepted = try CoRIMImport(corim, source: "signed.cbor", allowUnverifiedSignature: true)
        #expect(accepted.referenceValues.map(\.values) == [[digest]])
        #expect(accepted.referenceValues.first?.provenance.contains("signature NOT verified") == true)
    }

    @Test func malformedInputIsATypedError() throws {
        let valid = try CoRIMEncoder.encode(
            Self.document([Self.comid("t", [Self.triple(["vendor": "Intel", "model": "TDX"], [["mkey": "mrtd", "raw": .string(CoRIMEncoder.hex(48, 1))]])])]))
        _ = try CoRIM(parsing: valid)
        // Every truncation is refused as truncated CBOR, never read as a shorter CoRIM.
        for length in 0..<valid.count {
            #expect(throws: CoRIMError.self) { try CoRIM(parsing: Array(valid.prefix(length))) }
        }
        #expect(throws: CoRIMError.cbor(.trailingBytes(count: 1))) { try CoRIM(parsing: valid + [0]) }
        #expect(throws: CoRIMError.notCoRIM(found: "map of 1")) { try CoRIM(parsing: CBORWriter.encode(.map([CBORMapEntry(.unsigned(0), .text("x"))]))) }
        #expect(throws: CoRIMError.self) { try CoRIM(parsing: Array("{\"reference_values\": []}".utf8)) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let garbage = (0..<Int.random(in: 0..<200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(throws: CoRIMError.self) { try CoRIM(parsing: garbage) }
        }
        var nested = CBORValue.array([])
        for _ in 0..<100 { nested = .array([nested]) }
        #expect(throws: CoRIMError.cbor(.tooDeep(limit: CBORReader.maxDepth))) {
            try CoRIM(parsing: CBORWriter.encode(.tagged(501, .map([CBORMapEntry(.unsigned(1), nested)]))))
        }
        let tooManyTags = CBORValue.tagged(501, .map([
            CBORMapEntry(.unsigned(0), .text("x")), CBORMapEntry(.unsigned(1), .array(Array(repeating: .tagged(505, .bytes([])), count: CoRIM.maxTags + 1))),
        ]))
        #expect(throws: CoRIMError.tooMany(location: "tags (1)", count: CoRIM.maxTags + 1, limit: CoRIM.maxTags)) {
            try CoRIM(parsing: CBORWriter.encode(tooManyTags))
        }
        let environment = CBORValue.map([CBORMapEntry(.unsigned(0), .map([CBORMapEntry(.unsigned(1), .text("Intel"))]))])
        let triple = CBORValue.array([environment, .array([.map([CBORMapEntry(.unsigned(1), .map([CBORMapEntry(.unsigned(1), .unsigned(1))]))])])])
        let comid = CBORValue.map([
            CBORMapEntry(.unsigned(1), .map([CBORMapEntry(.unsigned(0), .text("many"))])),
            CBORMapEntry(.unsigned(4), .map([CBORMapEntry(.unsigned(0), .array(Array(repeating: triple, count: CoMID.maxTriples + 1)))])),
        ])
        let tooManyTriples = CBORValue.tagged(501, .map([
            CBORMapEntry(.unsigned(0), .text("x")), CBORMapEntry(.unsigned(1), .array([.tagged(506, .bytes(CBORWriter.encode(comid)))])),
        ]))
        #expect(throws: CoRIMError.tooMany(location: "tags[0] reference-triples", count: CoMID.maxTriples + 1, limit: CoMID.maxTriples)) {
            try CoRIM(parsing: CBORWriter.encode(tooManyTriples))
        }
        let noIdentity = CBORValue.tagged(501, .map([
            CBORMapEntry(.unsigned(0), .text("x")), CBORMapEntry(.unsigned(1), .array([.tagged(506, .map([CBORMapEntry(.unsigned(4), .map([]))]))])),
        ]))
        #expect(throws: CoRIMError.malformed(location: "tags[0] tag-identity (1)", reason: "missing")) { try CoRIM(parsing: CBORWriter.encode(noIdentity)) }
        let badDigest = try CoRIMEncoder.encode(
            Self.document([Self.comid("t", [Self.triple(["vendor": "Intel", "model": "TDX"], [["mkey": "mrtd", "digests": [[7, .string(CoRIMEncoder.hex(2000, 1))]]]])])]))
        #expect(throws: CoRIMError.self) { try CoRIM(parsing: badDigest) }
    }
}
