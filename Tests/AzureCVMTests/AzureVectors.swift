import AssayTestSupport
import AttestationCore
import AzureCVM
import DCAP
import Foundation
import SEVSNP
import Testing

/// How the Azure vectors of `expected.jsonl` (platform `azure`) are verified: the evidence (Trustee JSON, or the
/// HCL report with its quotes as attachments), the AMD ASK/ARK chains (the VCEK comes with each vector), and for
/// TDX the Intel root CA CRL of 2025 with partial collateral: the 2025-09-29 TCB info and QE identity for FMSPC
/// 00806f050000 that the vectors were checked with upstream are not among the shared files.
enum AzureVectors {
    /// Every Azure vector.
    static func all() throws -> [SharedVectors.Vector] { try SharedVectors.platform("azure") }

    /// The TEE of a vector.
    static func tee(_ vector: SharedVectors.Vector) -> TEEKind {
        vector.id.hasPrefix("azure-tdx") ? .azureTDX : .azureSNP
    }

    /// The verifier for a vector's TEE.
    static func verifier(_ tee: TEEKind) -> AzureCVMVerifier {
        tee == .azureTDX ? AzureCVMVerifier(tdx: DCAPVerifier(tee: .tdx)) : AzureCVMVerifier(snp: SEVSNPVerifier())
    }

    /// The evidence of a vector.
    static func evidence(_ vector: SharedVectors.Vector) throws -> Evidence {
        let tee = tee(vector)
        if let json = try vector.bytes("evidence") { return Evidence(tee: tee, bytes: json) }
        var attachments: [String: [UInt8]] = [:]
        attachments[AzureEvidence.tpmQuoteAttachment] = try vector.bytes("tpm_quote_bincode") ?? vector.bytes("tpm_quote_json")
        attachments[AzureEvidence.tdQuoteAttachment] = try vector.bytes("td_quote")
        return Evidence(tee: tee, bytes: try #require(try vector.bytes("hcl_report")), attachments: attachments)
    }

    /// The collateral a vector is verified with (besides what its evidence carries).
    static func collateral(_ vector: SharedVectors.Vector) throws -> [CollateralItem] {
        if tee(vector) == .azureTDX {
            let crl = "tdx/collateral/dcapqvl_tdx_quote_collateral.json#root_ca_crl"
            return [CollateralItem(source: crl, bytes: try DCAPVectorCollateral.load(crl))]
        }
        var items = try vector.files("vcek").map { CollateralItem(source: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        for name in ["ask_ark_milan.pem", "ask_ark_genoa.pem"] {
            let url = SharedVectors.root.appendingPathComponent("snp/amd_roots/\(name)")
            items.append(CollateralItem(source: name, bytes: Array(try Data(contentsOf: url))))
        }
        return items
    }

    /// The instant a vector is verified at: its `suggested_as_of`, else its origin's.
    static func asOf(_ vector: SharedVectors.Vector) throws -> Date {
        if let date = vector.suggestedAsOf { return date }
        let origin = try #require(vector.tamperedFrom)
        return try #require(try SharedVectors.vector(origin).suggestedAsOf)
    }

    /// Verifies a vector at `instant` (default: ``asOf(_:)``).
    static func verify(
        _ vector: SharedVectors.Vector, at instant: Date? = nil, expected: ExpectedReportData? = nil
    ) async throws -> Verdict {
        let tee = tee(vector)
        let context = VerificationContext(
            asOf: try instant ?? asOf(vector), collateral: try collateral(vector), expectedReportData: expected,
            allowsPartialCollateral: tee == .azureTDX)
        return try await verifier(tee).verify(try evidence(vector), context: context)
    }
}
