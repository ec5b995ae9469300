import AttestationCore

extension EnclaveIdentity {
    /// How a QE report compares with this identity (QVL `EnclaveReportVerifier::verify`).
    public struct Match: Sendable, Hashable {
        /// Fields that differ, described (`MRSIGNER …`); empty when the report matches.
        public let mismatches: [String]
        /// The level that applies to the report's ISV SVN, or nil when it is below every level.
        public let level: IdentityTCBLevel?

        /// The QE's status: the level's, or `NotSupported` when no level applies.
        public var status: TCBStatus { level?.status ?? .notSupported }
    }

    /// Compares a QE report with this identity: MISCSELECT and ATTRIBUTES under their masks, MRSIGNER,
    /// ISVPRODID, and the TCB level of its ISV SVN.
    public func match(_ report: EnclaveReportBody) -> Match {
        var mismatches: [String] = []
        let misc = withUnsafeBytes(of: report.miscSelect.littleEndian, Array.init)
        if zip(misc, miscSelectMask).map({ $0 & $1 }) != miscSelect {
            mismatches.append("MISCSELECT \(Hex.encode(misc)) under mask \(Hex.encode(miscSelectMask)) is not \(Hex.encode(miscSelect))")
        }
        if zip(report.attributes.bytes, attributesMask).map({ $0 & $1 }) != attributes {
            mismatches.append(
                "ATTRIBUTES \(Hex.encode(report.attributes.bytes)) under mask \(Hex.encode(attributesMask)) is not \(Hex.encode(attributes))")
        }
        if report.mrSigner != mrSigner {
            mismatches.append("MRSIGNER \(Hex.encode(report.mrSigner)) is not \(Hex.encode(mrSigner))")
        }
        if report.isvProdID != isvProdID {
            mismatches.append("ISVPRODID \(report.isvProdID) is not \(isvProdID)")
        }
        return Match(mismatches: mismatches, level: IdentityTCBLevel.matching(report.isvSVN, in: tcbLevels))
    }
}
