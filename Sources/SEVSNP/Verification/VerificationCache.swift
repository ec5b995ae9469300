import AttestationCore
import PKI

/// What the verifier remembers between calls: parsed collateral, certificate signature results and the results
/// of whole chains, keyed by the exact bytes they came from (AttestationCore's ``BoundedCache`` and ``ExactBytes``), so a report checked
/// against an already seen chain costs one P-384 verify.
///
/// Signature results do not depend on time; validity windows and CRLs are still checked on every call.
final class VerificationCache: Sendable {
    /// What is known of one ARK → intermediate → leaf chain once: its signature results and endorsement claims.
    struct ChainSignatures: Sendable {
        let rootSelfSigned: Bool
        let intermediateByRoot: Bool
        let leafByIntermediate: Bool
        let endorsementClaims: JSONValue
    }

    /// The DER bytes of a chain's three certificates.
    struct ChainKey: Hashable, Sendable {
        let leaf: ExactBytes
        let intermediate: ExactBytes
        let root: ExactBytes
    }

    let collateral: BoundedCache<[ExactBytes], SNPCollateral>
    let chains: BoundedCache<ChainKey, ChainSignatures>
    /// Certificate signatures, shared by path building and ``signatures(leaf:intermediate:root:)``.
    let certificateSignatures: CertificateSignatureCache

    init(capacity: Int) {
        collateral = BoundedCache(limit: capacity)
        chains = BoundedCache(limit: capacity)
        certificateSignatures = CertificateSignatureCache(limit: capacity * 4)
    }

    /// The collateral parsed from these blobs (cached by their bytes; sources only name them in errors).
    func collateral(_ blobs: [(source: String, bytes: [UInt8])]) throws -> SNPCollateral {
        try collateral.value(for: blobs.map { ExactBytes($0.bytes) }) {
            var parsed = SNPCollateral()
            for blob in blobs { try parsed.add(blob.bytes, source: blob.source) }
            return parsed
        }
    }

    /// The signature results for a chain, computed once per distinct chain.
    func signatures(leaf: AMDCertificate, intermediate: AMDCertificate, root: AMDCertificate) -> ChainSignatures {
        let key = ChainKey(
            leaf: ExactBytes(leaf.certificate.derBytes), intermediate: ExactBytes(intermediate.certificate.derBytes),
            root: ExactBytes(root.certificate.derBytes))
        return chains.value(for: key) {
            ChainSignatures(
                rootSelfSigned: certificateSignatures.isSigned(root.certificate, by: root.certificate),
                intermediateByRoot: certificateSignatures.isSigned(intermediate.certificate, by: root.certificate),
                leafByIntermediate: certificateSignatures.isSigned(leaf.certificate, by: intermediate.certificate),
                endorsementClaims: leaf.endorsementClaims(intermediate: intermediate, root: root))
        }
    }
}
