public import Foundation
import Synchronization
import Tokens

/// The certificates a server presents: one current certificate, re-minted before it (or its passport token) runs
/// out, and in fresh mode one per client nonce, with a bound on how many are minted at once (each costs a TEE
/// report, and any client can ask).
public final class AttestedCertificateStore: Sendable {
    /// Mints certificates.
    public let issuer: AttestedCertificateIssuer
    /// Passport mode: gets an EAR token for the key from an Assay service.
    public let tokenSupplier: (@Sendable (AttestedTLSKey) async throws -> String)?
    /// Most fresh certificates minted at the same time; further fresh handshakes fail until one is done.
    public let maxConcurrentMints: Int

    /// Four at once: an SNP or TDX report takes milliseconds, so this serves hundreds of fresh handshakes a second
    /// while a flood of ClientHellos cannot queue unbounded work on the TEE.
    public static let defaultMaxConcurrentMints = 4

    struct Current: Sendable {
        let certificate: IssuedCertificate
        let token: String?
        let refreshAt: Date
    }

    let current = Mutex<Current?>(nil)
    let minting = SharedValue(0)

    public init(
        issuer: AttestedCertificateIssuer, tokenSupplier: (@Sendable (AttestedTLSKey) async throws -> String)? = nil,
        maxConcurrentMints: Int = defaultMaxConcurrentMints
    ) {
        self.issuer = issuer
        self.tokenSupplier = tokenSupplier
        self.maxConcurrentMints = maxConcurrentMints
    }

    /// The current certificate, minted on first use and again at three quarters of its (or its token's) lifetime.
    public func certificate(now: Date = Date()) async throws -> IssuedCertificate {
        if let held = current.withLock({ $0 }), held.refreshAt > now { return held.certificate }
        let token = try await tokenSupplier?(issuer.key)
        let certificate = try await issuer.issue(token: token, now: now)
        var lifetime = issuer.lifetime
        if let token, let expiry = try? JWS.decode(token).payload["exp"]?.integerValue {
            lifetime = min(lifetime, Date(timeIntervalSince1970: TimeInterval(expiry)).timeIntervalSince(now))
        }
        current.withLock { $0 = Current(certificate: certificate, token: token, refreshAt: now.addingTimeInterval(lifetime * 0.75)) }
        return certificate
    }

    /// The current certificate if it needs no refresh (no suspension: the handshake's fast path).
    public func cachedCertificate(now: Date = Date()) -> IssuedCertificate? {
        current.withLock { held in held.flatMap { $0.refreshAt > now ? $0.certificate : nil } }
    }

    /// A certificate whose claims carry `nonce` (fresh mode) and the client's key hash (mutual mode); the passport
    /// token, if any, is the current one's.
    public func certificate(nonce: [UInt8], peer: KeyBindingClaims.KeyHash? = nil, now: Date = Date()) async throws
        -> IssuedCertificate
    {
        guard minting.admit(below: maxConcurrentMints) else {
            throw AttestedTLSError.issuance("\(maxConcurrentMints) fresh certificates are being minted already; try again")
        }
        defer { minting.release() }
        _ = try await certificate(now: now)
        let token = current.withLock { $0?.token }
        return try await issuer.issue(nonce: nonce, peer: peer, token: token, now: now)
    }
}
