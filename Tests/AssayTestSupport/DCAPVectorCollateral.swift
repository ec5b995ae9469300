public import AttestationCore
import Foundation

/// Which shared collateral each real TDX/SGX vector is verified with (`expected.jsonl` names only the quote).
///
/// Roles match `tampered/index.json` (`collateral.tcb_info`, `collateral.file`), so a tampered copy is verified with
/// its origin's collateral and the replaced file. `path#member` takes one member of a dcap-qvl bundle: the
/// re-issued Intel SGX TCB Signing certificate and a root CA CRL of the right year exist only inside those bundles.
public struct DCAPVectorCollateral: Sendable {
    /// Collateral files by role.
    public let files: [String: String]
    /// Whether the collateral is incomplete (verified with `allowsPartialCollateral`).
    public let partial: Bool
    /// `expected.jsonl` fields that come from collateral which is not shipped (compared as absent).
    public let unshipped: Set<String>
    /// Whether `validity_window` is set by the collateral given here, so both of its edges can be tested.
    public let windowFromThisCollateral: Bool

    static let tcbFields: Set<String> = [
        "tcb_status", "tcb_date", "tcb_advisory_ids", "tcb_evaluation_data_number", "tcb_info_id", "tcb_info_issue_date",
        "tcb_info_next_update", "tdx_module_identity", "tdx_module_tcb_status",
    ]
    static let reissuedSigner = "tdx/collateral/dcapqvl_tdx_quote_outdated_collateral.json#tcb_info_issuer_chain"
    static let rootCRL2025 = "tdx/collateral/dcapqvl_tdx_quote_collateral.json#root_ca_crl"

    static let table: [String: DCAPVectorCollateral] = [
        "tdx-v4-dcapqvl": .init(
            files: ["file": "tdx/collateral/dcapqvl_tdx_quote_collateral.json"], partial: false, unshipped: [],
            windowFromThisCollateral: true),
        "tdx-v5-dcapqvl-outdated": .init(
            files: ["file": "tdx/collateral/dcapqvl_tdx_quote_outdated_collateral.json"], partial: false, unshipped: [],
            windowFromThisCollateral: true),
        "tdx-v4-gotdx-spr-e4": .init(
            files: [
                "tcb_info": "tdx/collateral/gotdx_tcbInfo_tdx_50806f000000.json",
                "qe_identity": "tdx/collateral/gotdx_qeIdentity_tdqe.json",
                "pck_crl": "tdx/collateral/gotdx_pckcrl_platform.der", "root_crl": "tdx/collateral/gotdx_rootcrl.der",
                "signing_chain": "tdx/collateral/gotdx_tcb_signing_chain.pem",
            ], partial: false, unshipped: [], windowFromThisCollateral: true),
        // Feb 2026: the only TD_QE identity and PCK CRL shipped for this FMSPC start on 2026-02-18.
        "tdx-v5-gotdx-sample": .init(
            files: ["tcb_info": "tdx/collateral/gotdx_tcbInfo_tdx_v5.json", "signing_chain": reissuedSigner, "root_crl": rootCRL2025],
            partial: true, unshipped: [], windowFromThisCollateral: true),
        // The 2025-09-29 TCB info these three were checked with upstream is not among the shared files.
        "tdx-v4-gotdx-cos113-ccel": .init(
            files: ["root_crl": rootCRL2025], partial: true, unshipped: tcbFields, windowFromThisCollateral: false),
        "tdx-v4-trustee-4": .init(files: ["root_crl": rootCRL2025], partial: true, unshipped: tcbFields, windowFromThisCollateral: false),
        "tdx-v5-trustee-5": .init(files: ["root_crl": rootCRL2025], partial: true, unshipped: tcbFields, windowFromThisCollateral: false),
        // No PCK CRL of October 2025 is shipped.
        "tdx-v4-trustee-6": .init(
            files: [
                "tcb_info": "tdx/collateral/trustee_tcbInfo_tdx_00A06D080000.json",
                "qe_identity": "tdx/collateral/trustee_qeIdentity_tdqe.json", "signing_chain": reissuedSigner,
                "root_crl": rootCRL2025,
            ], partial: true, unshipped: [], windowFromThisCollateral: true),
        "sgx-v3-dcapqvl": .init(
            files: ["file": "sgx/collateral/dcapqvl_sgx_quote_collateral.json"], partial: false, unshipped: [],
            windowFromThisCollateral: true),
        // FMSPC 00606a000000: no TCB info, QE identity or PCK CRL of April 2023 is shipped.
        "sgx-v3-trustee-occlum": .init(
            files: ["root_crl": "tdx/collateral/gotdx_rootcrl.der"], partial: true, unshipped: [], windowFromThisCollateral: false),
    ]

    /// The collateral of `vector` (its origin's, with the files `tampered/index.json` says were replaced).
    public static func items(for vector: SharedVectors.Vector) throws -> (entry: DCAPVectorCollateral, items: [CollateralItem]) {
        let origin = vector.tamperedFrom ?? vector.id
        guard let entry = table[origin] else { throw VectorError.unmapped(origin) }
        var files = entry.files
        for (role, path) in try replacements()[vector.id] ?? [:] where role.hasPrefix("collateral.") {
            files[String(role.dropFirst("collateral.".count))] = path
        }
        let items = try files.sorted { $0.key < $1.key }.map { role, path in
            CollateralItem(source: "\(role): \(path)", bytes: try load(path))
        }
        return (entry, items)
    }

    /// `tampered/index.json` as vector id → role → replacement path.
    static func replacements() throws -> [String: [String: String]] {
        let index = try JSONValue(parsing: Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent("tampered/index.json"))))
        let list = index.arrayValue ?? index["tampered"]?.arrayValue ?? []
        var result: [String: [String: String]] = [:]
        for entry in list {
            guard let id = entry["id"]?.stringValue, let replaced = entry["replaced"]?.objectValue else { continue }
            result[id] = replaced.compactMapValues(\.stringValue)
        }
        return result
    }

    /// The bytes of `path`, or of one string member of the JSON file at `path#member`.
    public static func load(_ reference: String) throws -> [UInt8] {
        let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
        let bytes = Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent(parts[0])))
        guard parts.count == 2 else { return bytes }
        guard let member = try JSONValue(parsing: bytes)[parts[1]]?.stringValue else { throw VectorError.unmapped(reference) }
        return Array(member.utf8)
    }

    /// A vector or bundle member the table does not know.
    public enum VectorError: Error { case unmapped(String) }
}
