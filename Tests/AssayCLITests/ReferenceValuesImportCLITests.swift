import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// `assay reference-values import`: measure → import (from the measurement JSON and from a CoRIM built by an
/// independent encoder) → `assay verify --reference-values` affirms a matching measurement and not another one;
/// malformed, signed and unsupported inputs are refused with the cause.
@Suite(.sharedVectors) struct ReferenceValuesImportCLITests {
    static func verify(measurement: String, referenceValues: String, in directory: URL) throws -> (Int64?, String) {
        try SampleRoundTrip.verify(measurement: measurement, referenceValues: referenceValues, tee: "snp", claim: "measurement", in: directory)
    }

    @Test func measuredAndCoRIMReferenceValuesAffirmTheMatchingMeasurementOnly() throws {
        try SharedVectors.require()
        let directory = try AssayProcess.scratch()
        let firmware = SharedVectors.root.appendingPathComponent("measure/ovmf_AmdSev_suffix.bin").path
        let measured = try AssayProcess.run(
            ["measure", "snp", "--ovmf", firmware, "--vcpus", "2", "--vcpu-type", "EPYC-Milan", "--format", "json"], in: directory)
        #expect(measured.status == 0, "\(measured.stderr)")
        try Data(measured.stdout.utf8).write(to: directory.appendingPathComponent("m.json"))
        let digest = try #require(try JSONValue(parsing: Array(measured.stdout.utf8))["launch_digest"]?.stringValue)

        let fromJSON = try AssayProcess.run(["reference-values", "import", "--measurement-json", "m.json", "--out", "rv.json"], in: directory)
        #expect(fromJSON.status == 0, "\(fromJSON.stderr)")
        let document = try String(contentsOf: directory.appendingPathComponent("rv.json"), encoding: .utf8)
        #expect(document.contains(digest) && document.contains("vcpu_type=EPYC-Milan"), "\(document)")
        #expect(try Self.verify(measurement: digest, referenceValues: document, in: directory).0 == 2)
        let other = CoRIMEncoder.hex(48, 7)
        let (tier, output) = try Self.verify(measurement: other, referenceValues: document, in: directory)
        #expect(tier != 2 && output.contains("measurement"), "\(output)")

        let corim = try CoRIMEncoder.encode(.object([
            "id": "round-trip", "tags": .array([.object([
                "kind": "comid", "tag_id": "launch", "reference": .array([.object([
                    "env": ["class_uuid": "d05e6d1b9f464ae2a610ce3e6ee7e153"],
                    "measurements": .array([["mkey": 0, "digests": [[7, .string(digest)]]], ["mkey": 7, "svn": 3]]),
                ])]),
            ])]),
        ]))
        try Data(corim).write(to: directory.appendingPathComponent("launch.corim"))
        let fromCoRIM = try AssayProcess.run(["reference-values", "import", "--corim", "launch.corim"], in: directory)
        #expect(fromCoRIM.status == 0, "\(fromCoRIM.stderr)")
        #expect(fromCoRIM.stderr.contains("not imported:") && fromCoRIM.stderr.contains("mkey 7"), "\(fromCoRIM.stderr)")
        #expect(fromCoRIM.stdout.contains("CoRIM launch.corim (sha256 "), "\(fromCoRIM.stdout)")
        #expect(try Self.verify(measurement: digest, referenceValues: fromCoRIM.stdout, in: directory).0 == 2)
        #expect(try Self.verify(measurement: other, referenceValues: fromCoRIM.stdout, in: directory).0 != 2)

        try Data("Calculated SEV_SNP guest measurement: \(digest)\n".utf8).write(to: directory.appendingPathComponent("snp.txt"))
        let fromHex = try AssayProcess.run(["reference-values", "import", "--measurement-json", "snp.txt"], in: directory)
        #expect(fromHex.status == 0 && fromHex.stdout.contains(digest), "\(fromHex.stderr)")
    }

    @Test func badInputsAreRefusedWithTheirCause() throws {
        let directory = try AssayProcess.scratch()
        try Data([0xd9, 0x01, 0xf5, 0xa2, 0x00]).write(to: directory.appendingPathComponent("truncated.corim"))
        let truncated = try AssayProcess.run(["reference-values", "import", "--corim", "truncated.corim"], in: directory)
        #expect(truncated.status == 2 && truncated.stderr.contains("not a CoRIM"), "\(truncated.stderr)")

        try Data(count: 4 * 1024 * 1024 + 1).write(to: directory.appendingPathComponent("huge.corim"))
        let huge = try AssayProcess.run(["reference-values", "import", "--corim", "huge.corim"], in: directory)
        #expect(huge.status == 2 && huge.stderr.contains("above the limit of 4194304 bytes"), "\(huge.stderr)")

        let triple: JSONValue = .object(["env": ["vendor": "Intel", "model": "TDX"], "measurements": .array([["mkey": "mr_td", "raw": .string(CoRIMEncoder.hex(48, 1))]])])
        let signed = try CoRIMEncoder.encode(.object([
            "id": "s", "signed": true, "tags": .array([.object(["kind": "comid", "tag_id": "t", "reference": .array([triple])])]),
        ]))
        try Data(signed).write(to: directory.appendingPathComponent("signed.corim"))
        let refused = try AssayProcess.run(["reference-values", "import", "--corim", "signed.corim"], in: directory)
        #expect(refused.status == 2 && refused.stderr.contains("--allow-unverified-signature"), "\(refused.stderr)")
        let accepted = try AssayProcess.run(["reference-values", "import", "--corim", "signed.corim", "--allow-unverified-signature"], in: directory)
        #expect(accepted.status == 0 && accepted.stdout.contains("signature NOT verified") && accepted.stdout.contains("\"mr_td\""), "\(accepted.stderr)")

        let acme = try CoRIMEncoder.encode(.object([
            "id": "a", "tags": .array([.object(["kind": "comid", "tag_id": "t", "reference": .array([
                .object(["env": ["vendor": "ACME"], "measurements": .array([["digests": [[7, .string(CoRIMEncoder.hex(48, 1))]]]])]),
            ])])]),
        ]))
        try Data(acme).write(to: directory.appendingPathComponent("acme.corim"))
        let nothing = try AssayProcess.run(["reference-values", "import", "--corim", "acme.corim"], in: directory)
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing to import") && nothing.stderr.contains("vendor 'ACME'"), "\(nothing.stderr)")

        try Data("{\"tee\": \"nitro\"}".utf8).write(to: directory.appendingPathComponent("m.json"))
        let wrongTEE = try AssayProcess.run(["reference-values", "import", "--measurement-json", "m.json"], in: directory)
        #expect(wrongTEE.status == 2 && wrongTEE.stderr.contains("\"tee\""), "\(wrongTEE.stderr)")
        let none = try AssayProcess.run(["reference-values", "import"], in: directory)
        #expect(none.status == 2 && none.stderr.contains("--corim"), "\(none.stderr)")
    }
}
