import AttestationCore
import Synchronization

/// What the verifier remembers between calls: parsed collateral and the signature results of whole chains, keyed
/// by the exact bytes they came from, so a report checked against an already seen chain costs one P-384 verify.
///
/// Signature results do not depend on time; validity windows and CRLs are still checked on every call. The cache
/// is bounded: when it holds ``capacity`` entries of a kind, those entries are dropped.
final class VerificationCache: Sendable {
    /// What is known of one ARK → intermediate → leaf chain once: its signature results and endorsement claims.
    struct ChainSignatures: Sendable {
        let rootSelfSigned: Bool
        let intermediateByRoot: Bool
        let leafByIntermediate: Bool
        let endorsementClaims: JSONValue
    }

    struct ChainKey: Hashable {
        let leaf: [UInt8]
        let intermediate: [UInt8]
        let root: [UInt8]
    }

    let capacity: Int
    let collateral = Mutex<[[[UInt8]]: SNPCollateral]>([:])
    let chains = Mutex<[ChainKey: ChainSignatures]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The collateral parsed from these blobs (cached by their bytes; sources only name them in errors).
    func collateral(_ blobs: [(source: String, bytes: [UInt8])]) throws -> SNPCollateral {
        let key = blobs.map(\.bytes)
        if let hit = collateral.withLock({ $0[key] }) { return hit }
        var parsed = SNPCollateral()
        for blob in blobs { try parsed.add(blob.bytes, source: blob.source) }
        let result = parsed
        collateral.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[key] = result
        }
        return result
    }

    /// The signature results for a chain, computed once per distinct chain.
    func signatures(leaf: AMDCertificate, intermediate: AMDCertificate, root: AMDCertificate) -> ChainSignatures {
        let key = ChainKey(
            leaf: leaf.certificate.derBytes, intermediate: intermediate.certificate.derBytes,
            root: root.certificate.derBytes)
        if let hit = chains.withLock({ $0[key] }) { return hit }
        let result = ChainSignatures(
            rootSelfSigned: root.isSigned(by: root), intermediateByRoot: intermediate.isSigned(by: root),
            leafByIntermediate: leaf.isSigned(by: intermediate),
            endorsementClaims: leaf.endorsementClaims(intermediate: intermediate, root: root))
        chains.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[key] = result
        }
        return result
    }
}
