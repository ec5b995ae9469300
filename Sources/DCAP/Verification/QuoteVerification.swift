import AttestationCore
import Crypto
import Foundation

/// The collateral half of verifying one quote: the PCK chain, revocation, QE identity, TCB info and TCB status
/// (its verdict is reused per platform through ``DCAPCache/platform(_:_:)``), plus the checks that need the quote
/// alone, as static functions. Each check records into the verdict it is given.
struct QuoteVerification {
    let quote: Quote
    let chain: PCKCertificateChain
    let anchors: [DCAPCertificate]
    var collateral: DCAPCollateral
    let context: VerificationContext
    let cache: DCAPCache
    let pcs: IntelPCS
    /// The PCK certification path, leaf to anchor.
    let pckPath: DCAPCertificatePath
    /// Collateral fetched through the context's provider.
    var fetched: [CollateralItem] = []
    /// Why fetching a document failed, by document, for the missing-collateral message.
    var fetchFailures: [IntelPCS.Document: String] = [:]

    init(
        quote: Quote, chain: PCKCertificateChain, anchors: [DCAPCertificate], collateral: DCAPCollateral,
        context: VerificationContext, cache: DCAPCache, pcs: IntelPCS
    ) {
        self.quote = quote
        self.chain = chain
        self.anchors = anchors
        self.collateral = collateral
        self.context = context
        self.cache = cache
        self.pcs = pcs
        pckPath = DCAPCertificatePath(
            leaf: chain.leaf, pool: Array(chain.certificates.dropFirst()), anchors: anchors, at: context.asOf, cache: cache)
    }

    /// The collateral half: the PCK certificate's claims and chain, then every collateral check; throws when
    /// collateral is missing (unless the context allows partial collateral).
    func platformVerdict() throws -> Verdict {
        var verdict = Verdict(tee: quote.tee, claims: chain.extensions.claims)
        if case .object(var pck) = verdict.claims["pck"] {
            pck["chain"] = .array(pckPath.certificates.map { .string($0.commonName) })
            verdict.claims["pck"] = .object(pck)
        }
        for source in collateral.ignored {
            verdict.notes.append("collateral \(source) is not a certificate, CRL, TCB info, QE identity or bundle; ignored")
        }
        try requireCollateral(&verdict)
        for choice in choices where choice.inForce && choice.candidates > 1 {
            verdict.notes.append("\(choice.document): chose \(choice.summary), in force, among \(choice.candidates)")
        }
        checkPCKChain(&verdict)
        checkRevocation(&verdict)
        let qeStatus = checkQEIdentity(&verdict)
        checkTCBInfo(qeStatus: qeStatus, &verdict)
        return verdict
    }

    var asOf: Date { context.asOf }
    var instant: String { RFC3339.format(context.asOf) }

    /// The quote's own signatures and the binding of the attestation key to the QE report (signed by `leaf`).
    static func checkQuote(_ quote: Quote, leaf: DCAPCertificate, cache: DCAPCache, _ verdict: inout Verdict) {
        let header = quote.header
        verdict.check(
            DCAPCheck.qeVendorId, header.qeVendorID == QuoteHeader.intelQEVendorID,
            expected: "Intel's quoting enclave \(Hex.encode(QuoteHeader.intelQEVendorID))",
            observed: Hex.encode(header.qeVendorID))
        let signatureData = quote.signatureData
        let attestationKey = cache.attestationKey(signatureData.attestationKey)
        verdict.check(
            DCAPCheck.attestationKeyOnCurve, attestationKey != nil, expected: "the attestation key is a point on P-256",
            observed: "\(Hex.encode(signatureData.attestationKey)) is not")
        let quoteSignature = attestationKey.map { key in
            (try? P256.Signing.ECDSASignature(rawRepresentation: signatureData.signature)).map {
                key.isValidSignature($0, for: quote.signedBytes)
            } ?? false
        } ?? false
        verdict.check(
            DCAPCheck.quoteSignature, quoteSignature,
            expected: "ECDSA P-256 signature by the attestation key over the header and body (\(quote.signedBytes.count) bytes)",
            observed: "the signature does not verify")
        let qe = quote.qe
        verdict.check(
            DCAPCheck.qeReportSignature, cache.isValid(signature: qe.qeReportSignature, over: qe.qeReport.bytes, by: leaf),
            expected: "ECDSA P-256 signature by the PCK certificate's key over the QE report",
            observed: "the signature does not verify with the key of \(leaf.subject)")
        let binding = Array(SHA256.hash(data: signatureData.attestationKey + qe.qeAuthenticationData)) + [UInt8](repeating: 0, count: 32)
        verdict.check(
            DCAPCheck.qeReportDataBindsAttestationKey, qe.qeReport.reportData == binding,
            expected: "QE report data = SHA-256(attestation key ‖ QE authentication data) ‖ 0^32 = \(Hex.encode(binding))",
            observed: Hex.encode(qe.qeReport.reportData))
    }

    /// The PCK certificate chain up to the pinned root, valid at the instant.
    func checkPCKChain(_ verdict: inout Verdict) {
        let leafCN = chain.leaf.subject
        verdict.check(
            DCAPCheck.pckCertificateSubject, leafCN.contains("SGX PCK Certificate"),
            expected: "the leaf is an Intel SGX PCK Certificate", observed: leafCN)
        checkPath(pckPath, .pck, role: "PCK chain", &verdict)
    }

    /// Records the pinning, signature, validity and CA constraint checks of a certification path.
    func checkPath(_ path: DCAPCertificatePath, _ kind: DCAPCheck.Path, role: String, _ verdict: inout Verdict) {
        verdict.check(
            DCAPCheck.rootPinned(kind), path.anchored,
            expected: "\(role) ends at a pinned root: \(anchors.map(\.subject).joined(separator: ", "))",
            observed: "it ends at \(path.topDescription)")
        verdict.check(
            DCAPCheck.chainSignatures(kind), path.badSignatures.isEmpty, expected: "every certificate of the \(role) signed by its issuer",
            observed: "bad signature: \((path.badSignatures + [path.stoppedEarly].compactMap { $0 }).joined(separator: "; "))")
        let invalid = path.invalidCertificates(at: asOf)
        verdict.check(
            DCAPCheck.chainValidity(kind), invalid.isEmpty, expected: "every certificate of the \(role) valid at \(instant)",
            observed: "not valid then: \(invalid.joined(separator: "; "))")
        verdict.check(
            DCAPCheck.chainCAConstraints(kind), path.constraintViolations.isEmpty,
            expected: "every issuer in the \(role) is a CA within its path length",
            observed: path.constraintViolations.joined(separator: "; "))
    }
}
