import AttestationCore
import DCAP
import Foundation
import SEVSNP

/// What a cached document is and when it is valid, read from its bytes (a TCB info's issue date and next update,
/// a CRL's this and next update, a certificate's validity), for `assay collateral list` and `prune`.
struct CachedCollateralDescription {
    let kind: String
    let validFrom: Date?
    let validUntil: Date?

    init(_ entry: CachedCollateralProvider.Entry) {
        let item = CollateralItem(source: entry.url, bytes: entry.response.body)
        if let intel = try? DCAPCollateral(items: [item]) {
            if let info = intel.tcbInfos.first {
                (kind, validFrom, validUntil) = ("\(info.id) TCB info for FMSPC \(Hex.encode(info.fmspc))", info.issueDate, info.nextUpdate)
                return
            }
            if let identity = intel.enclaveIdentities.first {
                (kind, validFrom, validUntil) = ("\(identity.id) identity", identity.issueDate, identity.nextUpdate)
                return
            }
        }
        if let amd = try? SNPCollateral(items: [item]) {
            if let crl = amd.crls.first {
                (kind, validFrom, validUntil) = ("CRL", crl.thisUpdate, crl.nextUpdate)
                return
            }
            let certificates = amd.certificates
            if !certificates.isEmpty {
                (kind, validFrom, validUntil) = (
                    certificates.map(\.name).joined(separator: " + "),
                    certificates.map(\.certificate.notBefore).max(), certificates.map(\.certificate.notAfter).min()
                )
                return
            }
        }
        (kind, validFrom, validUntil) = ("unrecognised (\(entry.response.body.count) bytes)", nil, nil)
    }

    /// Whether the document's validity ended before `instant`.
    func expired(at instant: Date) -> Bool { validUntil.map { $0 < instant } ?? false }

    var json: JSONValue {
        .object([
            "kind": .string(kind),
            "valid_from": validFrom.map { .string(RFC3339.format($0)) } ?? .null,
            "valid_until": validUntil.map { .string(RFC3339.format($0)) } ?? .null,
        ])
    }
}
