import AttestationCore
import AttestedTLS
import Crypto
import Foundation
import Testing
import Tokens

/// Passport mode: a certificate's EAR token, verified against the JWKS, stands for its evidence when it names the
/// certificate's key and every appraisal in it is acceptable; fresh mode still verifies the evidence itself.
struct PassportModeTests {
    let signer = TokenSigningKey()

    func token(naming spki: [UInt8], status: String, signedBy key: TokenSigningKey? = nil) throws -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims: JSONValue = [
            "iss": "assay", "iat": .integer(now), "exp": .integer(now + 300),
            "assay.tee_pubkey": .object(try #require(CertificateKeyJWK.members(spki: spki))),
            "submods": ["sample": ["ear.status": .string(status)]],
        ]
        return try JWS.sign(claims, with: key ?? signer)
    }

    func verifier() throws -> AttestedPeerVerifier {
        var policy = try SamplePeer.policy()
        policy.tokenVerifier = TokenVerifier(jwks: JWKS(keys: [signer.jwk]))
        return AttestedPeerVerifier(policy: policy)
    }

    @Test func aTokenForThisKeyIsAccepted() async throws {
        let issuer = try SamplePeer.issuer()
        let minted = try await issuer.issue(token: try token(naming: issuer.key.spki, status: "affirming"))
        let attestation = try await verifier().judge(certificateDER: minted.der)
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.outcome == nil, "the token stands for the evidence")
        #expect(attestation.tokenClaims?["submods"]?["sample"]?["ear.status"] == "affirming")
        #expect(attestation.binding["passport"] == .bool(true))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let status: String
        let otherKey: Bool
        let otherSigner: Bool
        let reason: String
        var testDescription: String { name }
    }

    static let refusals = [
        Refusal(name: "another key", status: "affirming", otherKey: true, otherSigner: false, reason: "a token for another workload"),
        Refusal(name: "contraindicated", status: "contraindicated", otherKey: false, otherSigner: false, reason: "token status contraindicated"),
        Refusal(name: "no claim", status: "none", otherKey: false, otherSigner: false, reason: "token status none"),
        Refusal(name: "unknown status", status: "fine", otherKey: false, otherSigner: false, reason: "token status fine"),
        Refusal(name: "another signer", status: "affirming", otherKey: false, otherSigner: true, reason: "the EAR token does not verify"),
    ]

    @Test(arguments: refusals)
    func aTokenThatDoesNotVouchForThisKeyIsRefused(_ refusal: Refusal) async throws {
        let issuer = try SamplePeer.issuer()
        let named = refusal.otherKey ? Array(P256.Signing.PrivateKey().publicKey.derRepresentation) : issuer.key.spki
        let minted = try await issuer.issue(
            token: try token(naming: named, status: refusal.status, signedBy: refusal.otherSigner ? TokenSigningKey() : nil))
        let attestation = try await verifier().judge(certificateDER: minted.der)
        #expect(!attestation.accepted)
        #expect(attestation.reasons.count == 1)
        #expect(attestation.reasons.first?.contains(refusal.reason) == true, "\(attestation.reasons)")
    }

    /// A token cannot carry this connection's nonce: fresh mode verifies the evidence (which does).
    @Test func freshModeVerifiesTheEvidenceInstead() async throws {
        let issuer = try SamplePeer.issuer()
        let minted = try await issuer.issue(nonce: [4, 2], token: try token(naming: issuer.key.spki, status: "contraindicated"))
        let attestation = try await verifier().judge(certificateDER: minted.der, expecting: PeerExpectation(nonce: [4, 2]))
        #expect(attestation.accepted, "\(attestation.reasons)")
        #expect(attestation.outcome?.verdict.isValid == true)
        #expect(attestation.tokenClaims == nil)
    }
}
