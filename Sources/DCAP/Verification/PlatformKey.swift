import AttestationCore
import Foundation

/// Everything the collateral half of a verdict depends on (PCK chain, TCB info, QE identity, CRLs, issuer chains
/// and the TCB status), as exact bytes, so that the half computed for one quote is reused for the next quote of
/// the same platform.
///
/// The instant enters only through ``validity``: whether each certificate at hand is valid and each CRL and
/// document is in force then. Every choice the verifier makes by time (which document, which re-issued
/// certificate) and every validity check follows from those booleans, so two instants with the same ``validity``
/// give the same checks.
struct PlatformKey: Hashable, Sendable {
    /// The PCK chain PEM of the certification data.
    let chain: ExactBytes
    /// The collateral items (source name and bytes), given and fetched.
    let collateral: [ExactBytes]
    /// The pinned roots in DER.
    let anchors: [ExactBytes]
    /// What the collateral is applied to: header version and TEE type, QE report, and for TDX the TEE TCB SVNs,
    /// MRSIGNERSEAM and SEAMATTRIBUTES.
    let quoteInputs: ExactBytes
    /// Whether missing collateral is tolerated.
    let partial: Bool
    /// Validity at the instant of every certificate, CRL, TCB info and QE identity at hand, in order.
    let validity: [Bool]

    init(
        quote: Quote, chain: PCKCertificateChain, pem: [UInt8], items: [CollateralItem], collateral: DCAPCollateral,
        anchors: [DCAPCertificate], context: VerificationContext
    ) {
        self.chain = ExactBytes(pem)
        self.collateral = items.flatMap { [ExactBytes(Array($0.source.utf8)), ExactBytes($0.bytes)] }
        self.anchors = anchors.map { ExactBytes($0.der) }
        var inputs = withUnsafeBytes(of: quote.header.version.littleEndian, Array.init)
            + withUnsafeBytes(of: quote.header.teeType.littleEndian, Array.init) + quote.qe.qeReport.bytes
        if case .td(let report) = quote.body {
            inputs += report.teeTCBSVN + (report.teeTCBSVN2 ?? []) + report.mrSignerSeam + report.seamAttributes
        }
        quoteInputs = ExactBytes(inputs)
        partial = context.allowsPartialCollateral
        let instant = context.asOf
        validity = (chain.certificates + collateral.certificates + anchors).map { $0.isValid(at: instant) }
            + collateral.crls.map { $0.crl.isCurrent(at: instant) }
            + collateral.tcbInfos.map { $0.isCurrent(at: instant) }
            + collateral.enclaveIdentities.map { $0.isCurrent(at: instant) }
    }
}
