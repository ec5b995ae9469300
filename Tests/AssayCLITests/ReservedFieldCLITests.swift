import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// Parse without judging, end to end: a genuine report with one byte set in a reserved range of its signed body is
/// read (exit 2 would say "malformed", which is not the truth) and rejected by its signature (exit 1), with the
/// reserved field named in `reserved_nonzero`.
@Suite(
    .serialized,
    .sharedVectors)
struct ReservedFieldCLITests {
    struct Case: Sendable, CustomTestStringConvertible {
        let vector: String
        let offset: Int
        let reserved: String
        let check: String
        var testDescription: String { "\(vector) +\(String(offset, radix: 16)): \(reserved)" }
    }

    /// Offsets: SNP KEY_INFO's reserved 0x04C; an SGX v3 quote's enclave body starts after the 48-byte header; a TDX
    /// v4 quote's QE report follows the header, the 584-byte TD report, the signature data length (4), the quote
    /// signature and attestation key (128) and the certification data header (6).
    static let cases: [Case] = [
        Case(vector: "snp-milan-gosevguest", offset: 0x04C, reserved: "reserved 0x04C", check: "report_signature"),
        Case(vector: "snp-milan-gosevguest", offset: 0x41, reserved: "platform_info bit 8", check: "report_signature"),
        Case(vector: "sgx-v3-dcapqvl", offset: 48 + 0x060, reserved: "enclave report reserved 0x060", check: "quote_signature"),
        Case(
            vector: "tdx-v4-gotdx-spr-e4", offset: 48 + 584 + 4 + 128 + 6 + 0x106,
            reserved: "QE report reserved 0x106", check: "qe_report_signature"),
    ]

    @Test(arguments: cases)
    func aReservedByteSetInASignedBodyFailsTheSignatureNotTheParser(_ test: Case) throws {
        try SharedVectors.require()
        let vector = try SharedVectors.vector(test.vector)
        let scratch = try AssayProcess.scratch()
        let original = try #require(vector.file(vector.platform == "snp" ? "report" : "quote"))
        var bytes = Array(try Data(contentsOf: original))
        try #require(bytes[test.offset] == 0, "the byte at \(test.offset) is not reserved-and-zero in \(test.vector)")
        bytes[test.offset] = 0x01
        let evidence = scratch.appendingPathComponent("evidence.bin")
        try Data(bytes).write(to: evidence)
        var arguments = [
            "verify", "--tee", vector.platform, "--evidence", evidence.path, "--format", "json", "--as-of",
            RFC3339.format(try #require(vector.suggestedAsOf)),
        ]
        if vector.platform == "snp" {
            arguments += ["vcek", "ca"].flatMap { vector.files($0) }.flatMap { ["--collateral", $0.path] }
        } else {
            let (entry, items) = try DCAPVectorCollateral.items(for: vector)
            for (index, item) in items.enumerated() {
                let file = scratch.appendingPathComponent("collateral-\(index)")
                try Data(item.bytes).write(to: file)
                arguments += ["--collateral", file.path]
            }
            if entry.partial { arguments.append("--partial-collateral") }
        }
        let result = try AssayProcess.run(arguments, in: scratch)
        #expect(result.status == 1, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        let failed = json["failures"]?.arrayValue?.compactMap { $0["check"]?.stringValue } ?? []
        #expect(failed == [test.check], "\(result.stdout)")
        #expect(json["claims"]?["reserved_nonzero"] == .array([.string(test.reserved)]))
    }
}
