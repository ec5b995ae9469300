import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import PKI
import SEVSNP
import Testing

/// The SEV-SNP part of the Azure confidential-VM vectors (platform `azure`, ids `azure-snp-*`): the HCL report
/// wraps an SNP report (bytes 32..<1216) followed by the HCL runtime data, whose JSON the report binds as
/// REPORT_DATA = SHA-256(JSON) ‖ 0³². The vTPM quote is not SEV-SNP's to check and is left out: a vector whose only
/// broken checks are vTPM ones must still pass here.
@Suite struct AzureSNPPartTests {
    /// The HCL report layout (Azure IGVM attestation report): 32-byte header, the SNP report, then a 20-byte runtime
    /// data header (data size, version, report type, hash type, variable data size) and the runtime-data JSON.
    static let headerLength = 32
    static let runtimeDataHeaderLength = 20

    /// Fields of the HCL wrapper and the vTPM quote, not of the SNP report.
    static let wrapperFieldPrefixes = ["hcl_", "vtpm_"]

    /// Vector checks that belong to the SNP part, and the verifier check each one is.
    static let snpChecks: [String: String] = Dictionary(
        uniqueKeysWithValues: SharedVectorTests.sharedCheckNames.map { ($0, $0) }
    ).merging(["hw_report_data_binds_hcl_runtime_data": "report_data_binding"]) { $1 }

    /// The HCL report and the VCEK of a vector, from its binary files or its JSON evidence.
    static func hclReportAndVCEK(_ vector: SharedVectors.Vector) throws -> (hcl: [UInt8], vcek: [UInt8]) {
        if let hcl = try vector.bytes("hcl_report"), let vcek = try vector.bytes("vcek") { return (hcl, vcek) }
        let json = try JSONValue(parsing: try #require(try vector.bytes("evidence")))
        let hcl: [UInt8]
        if let list = json["report"]?.arrayValue {
            hcl = try list.map { try #require($0.integerValue.flatMap(UInt8.init(exactly:))) }
        } else {
            hcl = try Base64.decode(try #require(json["hcl_report"]?.stringValue))
        }
        let vcek = try #require(json["vcek"]?.stringValue)
        return (hcl, vcek.hasPrefix("-----BEGIN") ? Array(vcek.utf8) : try Base64.decode(vcek))
    }

    static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    @Test(.sharedVectors) func snpReportInsideEveryAzureHCLReport() async throws {
        let vectors = try SharedVectors.platform("azure").filter { $0.id.hasPrefix("azure-snp-") }
        try #require(vectors.count >= 10, "6 genuine and 4 tampered Azure SNP vectors")
        let chains = try ["ask_ark_milan.pem", "ask_ark_genoa.pem"].map { name in
            CollateralItem(
                source: name,
                bytes: Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent("snp/amd_roots/\(name)"))))
        }
        var verified = 0
        var rejected = 0
        for vector in vectors {
            let (hcl, vcek) = try Self.hclReportAndVCEK(vector)
            let reportEnd = Self.headerLength + AttestationReport.size
            try #require(hcl.count >= reportEnd + Self.runtimeDataHeaderLength, "\(vector.id)")
            #expect(hcl.prefix(4).elementsEqual("HCLA".utf8), "\(vector.id): HCL magic")
            let jsonLength = Self.littleEndian32(hcl, at: reportEnd + 16)
            let jsonStart = reportEnd + Self.runtimeDataHeaderLength
            try #require(jsonStart + jsonLength <= hcl.count, "\(vector.id): runtime data length")
            let runtimeJSON = Array(hcl[jsonStart..<(jsonStart + jsonLength)])

            let context = VerificationContext(
                asOf: try #require(vector.suggestedAsOf),
                collateral: [CollateralItem(source: "\(vector.id) vcek", bytes: vcek)] + chains,
                expectedReportData: .exact(ReportDataBinding.sha256ZeroPadded.digest(of: runtimeJSON)))
            let evidence = Evidence(tee: .snp, bytes: Array(hcl[Self.headerLength..<reportEnd]))
            let verdict = try await SEVSNPVerifier().verify(evidence, context: context)

            let failed = Set(verdict.failures.map(\.check))
            var snpPartValid = true
            for (name, value) in vector.checks.objectValue ?? [:] {
                guard let check = Self.snpChecks[name] else { continue }
                let expected = try #require(value.boolValue as Bool?)
                snpPartValid = snpPartValid && expected
                #expect(failed.contains(check) == !expected, "\(vector.id): \(check) expected \(expected): \(verdict.failures)")
            }
            #expect(verdict.isValid == snpPartValid, "\(vector.id): \(verdict.failures)")
            let snpFields = (vector.fields.objectValue ?? [:]).filter { !Self.wrapperFieldPrefixes.contains(where: $0.key.hasPrefix) }
            try SNPVectorFieldMapping.expectMatch(.object(snpFields), claims: verdict.claims, vector: vector.id)
            if verdict.isValid { verified += 1 } else { rejected += 1 }
        }
        #expect(verified >= 7 && rejected >= 3, "verified \(verified), rejected \(rejected)")
    }
}
