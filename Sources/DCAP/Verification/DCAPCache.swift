import AttestationCore
import Crypto
import Foundation
import PKI
import X509

/// Memoised per-platform work, keyed by exact bytes: parsed PCK chains and collateral sets, attestation keys,
/// the outcome of every signature check (certificates, CRLs, QE reports, TCB info and QE identity), and the whole
/// collateral half of a verdict (``PlatformKey``).
///
/// Nothing cached depends on the verification instant beyond what a key says: validity windows are compared on
/// every call, and a cached collateral half applies only to instants with the same validity of every document.
public final class DCAPCache: Sendable {
    struct SignatureKey: Hashable, Sendable {
        let signer: ExactBytes
        let signature: ExactBytes
        let message: ExactBytes
    }

    let signatures: BoundedCache<SignatureKey, Bool>
    /// Certificate signatures, as path building checks them.
    let certificateSignatures: CertificateSignatureCache
    let chains: BoundedCache<ExactBytes, PCKCertificateChain>
    let collateral: BoundedCache<[ExactBytes], DCAPCollateral>
    let attestationKeys: BoundedCache<ExactBytes, P256.Signing.PublicKey?>
    let anchors: BoundedCache<ExactBytes, DCAPCertificate?>
    /// The collateral half of verdicts without failures (failures name the instant, so they are recomputed).
    let platforms: BoundedCache<PlatformKey, Verdict?>

    /// A cache holding at most `limit` entries of each kind.
    public init(limit: Int = 4096) {
        signatures = BoundedCache(limit: limit * 4)
        certificateSignatures = CertificateSignatureCache(limit: limit)
        chains = BoundedCache(limit: limit)
        collateral = BoundedCache(limit: max(1, limit / 64))
        attestationKeys = BoundedCache(limit: limit)
        anchors = BoundedCache(limit: 64)
        platforms = BoundedCache(limit: limit)
    }

    /// How many collateral halves (platform, collateral and validity combinations) are held.
    public var platformCount: Int { platforms.count }

    /// The collateral half of a verdict for `key`: computed by `make` once, and reused while it has no failures.
    func platform(_ key: PlatformKey, _ make: () throws -> Verdict) rethrows -> Verdict {
        var fresh: Verdict?
        let cached = try platforms.value(for: key) {
            let verdict = try make()
            fresh = verdict
            return verdict.isValid ? verdict : nil
        }
        if let verdict = cached ?? fresh { return verdict }
        return try make()
    }

    /// Whether `signature` (raw r‖s) over `message` verifies with `signer`'s P-256 key.
    func isValid(signature: [UInt8], over message: [UInt8], by signer: DCAPCertificate) -> Bool {
        let key = SignatureKey(
            signer: ExactBytes(signer.publicKeyInfo), signature: ExactBytes(signature), message: ExactBytes(message))
        return signatures.value(for: key) {
            guard let publicKey = signer.p256Key,
                let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return publicKey.isValidSignature(parsed, for: message)
        }
    }

    /// Whether `issuer` signed `crl`.
    func isValid(_ crl: CollateralCRL, issuedBy issuer: DCAPCertificate) -> Bool {
        let key = SignatureKey(
            signer: ExactBytes(issuer.publicKeyInfo), signature: ExactBytes(crl.crl.signature),
            message: ExactBytes(crl.crl.tbsBytes))
        return signatures.value(for: key) {
            guard let publicKey = issuer.p256Key else { return false }
            return crl.crl.isSignatureValid(key: .p256(publicKey))
        }
    }

    /// The PCK chain of certification data, parsed once per distinct chain.
    func chain(_ pem: [UInt8]) throws -> PCKCertificateChain {
        try chains.value(for: ExactBytes(pem)) { try PCKCertificateChain(pem: pem) }
    }

    /// The collateral items, parsed once per distinct set.
    func collateral(_ items: [CollateralItem]) throws -> DCAPCollateral {
        try collateral.value(for: items.flatMap { [ExactBytes(Array($0.source.utf8)), ExactBytes($0.bytes)] }) { try DCAPCollateral(items: items) }
    }

    /// A trust anchor's certificate, parsed once.
    func anchor(_ anchor: TrustAnchor) throws -> DCAPCertificate {
        guard let parsed = anchors.value(for: ExactBytes(anchor.derBytes), {
            try? DCAPCertificate(der: anchor.derBytes, source: anchor.name)
        }) else { throw DCAPError.invalidTrustAnchor("\(anchor.name): not a parseable certificate") }
        return parsed
    }

    /// The attestation key (raw X‖Y), or nil when it is not a point on P-256.
    func attestationKey(_ raw: [UInt8]) -> P256.Signing.PublicKey? {
        attestationKeys.value(for: ExactBytes(raw)) { try? P256.Signing.PublicKey(rawRepresentation: raw) }
    }
}
