import AttestationCore
import DCAP

/// `intel-collateral`: one item of DCAP collateral as `--collateral` or an attest request's `collateral` carries
/// it — Intel's signed TCB info or QE identity JSON, a dcap-qvl bundle, a PEM chain or a DER CRL — through
/// ``DCAPCollateral``.
public enum IntelCollateralFuzzTarget: FuzzTarget {
    public static let name = "intel-collateral"

    public static func run(_ bytes: [UInt8]) {
        guard let collateral = try? DCAPCollateral(items: [CollateralItem(source: "fuzz", bytes: bytes)]) else { return }
        for info in collateral.tcbInfos {
            _ = info.orderedLevels
            checkCompactForm(info.document)
        }
        for identity in collateral.enclaveIdentities { checkCompactForm(identity.document) }
    }

    /// Intel's compact form of a pretty-printed document (what its signature covers) is the same JSON value.
    static func checkCompactForm(_ document: SignedCollateralDocument) {
        guard let compact = document.compactBytes else { return }
        let value = try? JSONValue(parsing: compact)
        FuzzInput.require(value == document.object, "the compact form of \(document.source) is a different JSON value")
    }
}
