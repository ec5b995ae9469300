import AttestationCore
import Attestation
import Crypto
public import Foundation
import Synchronization
import Tokens

/// Judges a peer's certificate: reads its evidence, checks that the evidence names this certificate's key (and the
/// nonce and own key this side expects), verifies and appraises it, and reuses the verdict on the same certificate
/// bytes for ``PeerVerificationPolicy/cacheLifetime``.
public final class AttestedPeerVerifier: Sendable {
    public let policy: PeerVerificationPolicy
    /// Most verdicts kept.
    public static let cacheLimit = 1024

    /// A certificate by its SHA-256 (a full certificate may be 64 KiB) and what was expected of it.
    struct CacheKey: Hashable, Sendable {
        let certificate: [UInt8]
        let expectation: PeerExpectation
    }

    let cache = Mutex<[CacheKey: (attestation: PeerAttestation, until: Date)]>([:])

    public init(policy: PeerVerificationPolicy) { self.policy = policy }

    /// How many verdicts are cached.
    public var cachedCount: Int { cache.withLock { $0.count } }

    /// Judges a DER certificate; throws when it cannot be read at all (not X.509, unreadable extension, no evidence)
    /// or its evidence cannot be evaluated (malformed, collateral missing).
    public func judge(certificateDER der: [UInt8], expecting expectation: PeerExpectation = .none, now: Date = Date())
        async throws -> PeerAttestation
    {
        let key = CacheKey(certificate: Array(SHA256.hash(data: der)), expectation: expectation)
        if let hit = cache.withLock({ $0[key] }), hit.until > now { return hit.attestation }
        let attestation = try await evaluate(try CertificateEvidence(certificateDER: der), expectation: expectation, now: now)
        cache.withLock { table in
            if table.count >= Self.cacheLimit { table = table.filter { $0.value.until > now } }
            if table.count >= Self.cacheLimit { table.removeAll(keepingCapacity: true) }
            table[key] = (attestation, now.addingTimeInterval(policy.cacheLifetime))
        }
        return attestation
    }

    func evaluate(_ found: CertificateEvidence, expectation: PeerExpectation, now: Date) async throws -> PeerAttestation {
        let spki = found.certificate.subjectPublicKeyInfo
        var reasons = Self.bindingProblems(found, expectation: expectation)
        if let token = found.token, let verifier = policy.tokenVerifier, expectation.nonce == nil {
            return passport(found, token: token, verifier: verifier, reasons: reasons, spki: spki)
        }
        guard policy.pipeline.verifiers[found.evidence.tee] != nil else {
            reasons.append(AttestedTLSError.teeNotEnabled(found.evidence.tee, enabled: policy.enabledTEEs).description)
            return PeerAttestation(accepted: false, reasons: reasons, binding: found.bindingDescription, outcome: nil, tokenClaims: nil)
        }
        let context = VerificationContext(
            asOf: policy.asOf ?? now, trustAnchors: policy.trustAnchors, collateral: policy.collateral,
            collateralProvider: policy.collateralProvider, expectedReportData: found.expectedReportData,
            allowsPartialCollateral: policy.allowsPartialCollateral)
        let outcome = try await policy.pipeline.attest(
            found.evidence, context: context, runtimeData: found.runtimeData, nonce: nil, issuedAt: now)
        for failure in outcome.verdict.failures {
            reasons.append(failure.check == CoreCheck.reportDataBinding.rawValue
                ? "the evidence does not bind this certificate's key (\(failure.check): expected \(failure.expected), observed \(failure.observed))"
                : "\(failure.check): expected \(failure.expected), observed \(failure.observed)")
        }
        // `none` sorts before `affirming` but is no claim at all (a policy that says nothing about the peer).
        if outcome.verdict.isValid, outcome.appraisal.status == .none || outcome.appraisal.status > policy.acceptableStatus {
            reasons.append(
                "appraisal status \(outcome.appraisal.status.rawValue) (accepted: \(policy.acceptableStatus.rawValue) or better): "
                    + outcome.appraisal.reasons.map(\.description).joined(separator: "; "))
        }
        return PeerAttestation(
            accepted: reasons.isEmpty, reasons: reasons, binding: found.bindingDescription, outcome: outcome, tokenClaims: nil)
    }

    /// The key-binding claims must name this certificate's key, carry the expected nonce and name this side's key.
    static func bindingProblems(_ found: CertificateEvidence, expectation: PeerExpectation) -> [String] {
        let spki = found.certificate.subjectPublicKeyInfo
        var problems: [String] = []
        guard let claims = found.claims else {
            if expectation.nonce != nil || expectation.ownSPKI != nil {
                problems.append("the \(found.carrier) extension cannot carry a nonce or a peer key, which fresh and mutual mode require")
            }
            return problems
        }
        if !claims.publicKeyHash.names(spki) {
            problems.append(
                "the evidence binds another key: pubkey-hash \(claims.publicKeyHash), but this certificate's key is "
                    + KeyBindingClaims.KeyHash(of: spki, algorithm: claims.publicKeyHash.algorithm).description)
        }
        if let nonce = expectation.nonce, claims.nonce != nonce {
            problems.append(
                "not fresh: the evidence carries nonce \(claims.nonce.map { Hex.encode($0) } ?? "none"), this connection's is "
                    + Hex.encode(nonce) + " (a replayed or pre-made certificate)")
        }
        if let own = expectation.ownSPKI, claims.peerPublicKeyHash?.names(own) != true {
            problems.append(
                "the evidence was not minted for this peer: peer-pubkey-hash \(claims.peerPublicKeyHash?.description ?? "absent"), "
                    + "this side's key is \(KeyBindingClaims.KeyHash(of: own))")
        }
        return problems
    }

    /// Passport mode: the token verifies against the JWKS, its `assay.tee_pubkey` is this certificate's key, and every
    /// appraisal in it is acceptable.
    func passport(
        _ found: CertificateEvidence, token: String, verifier: TokenVerifier, reasons: [String], spki: [UInt8]
    ) -> PeerAttestation {
        var reasons = reasons
        var claims: JSONValue?
        do {
            let verified = try verifier.verify(token)
            claims = verified
            if let jwk = verified["assay.tee_pubkey"]?.objectValue {
                if !CertificateKeyJWK.matches(jwk, spki: spki) {
                    reasons.append("the token's assay.tee_pubkey is not this certificate's key (a token for another workload)")
                }
            } else {
                reasons.append("the token carries no assay.tee_pubkey, so it names no key")
            }
            let statuses = verified["submods"]?.objectValue?.values.compactMap { $0["ear.status"]?.stringValue } ?? []
            if statuses.isEmpty { reasons.append("the token has no appraisal (submods)") }
            for status in statuses {
                let tier = TrustTier(rawValue: status) ?? .contraindicated
                guard tier == .none || tier > policy.acceptableStatus else { continue }
                reasons.append("token status \(status) (accepted: \(policy.acceptableStatus.rawValue) or better)")
            }
        } catch {
            reasons.append("the EAR token does not verify: \(error)")
        }
        return PeerAttestation(accepted: reasons.isEmpty, reasons: reasons, binding: found.bindingDescription, outcome: nil, tokenClaims: claims)
    }
}
