public import AttestationCore
public import Foundation
import X509

/// The verifier's side of enrolling an attestation key (the Keylime-style registrar step): check the EK
/// certificate and the AK's attributes, make a credential for the AK's name under the EK, and accept the AK only
/// when the attester returns the secret — which only the TPM holding that EK, with that AK loaded, can recover.
///
/// The struct is the pending state between challenge and response; a server keeps it (including
/// ``expectedSecret``, which must never reach the attester) until the response arrives, in memory or as the request
/// and secret it restores from (``init(request:expectedSecret:context:random:)``).
public struct AttestationKeyEnrollment: Sendable {
    /// Bytes of the random credential.
    public static let secretBytes = 32
    /// Attributes every AK must have: a restricted signing key created in and bound to its TPM.
    public static let requiredAKAttributes: TPMAObject = [.restricted, .sign, .fixedTPM, .fixedParent, .sensitiveDataOrigin]
    /// Attributes every EK must have: a restricted decryption key bound to its TPM.
    public static let requiredEKAttributes: TPMAObject = [.restricted, .decrypt, .fixedTPM, .fixedParent]

    /// The enrollment request.
    public let request: EnrollmentRequest
    /// The EK's public area.
    public let ek: TPMTPublic
    /// The AK's public area.
    public let ak: TPMTPublic
    /// The challenge to send to the attester.
    public let challenge: CredentialChallenge
    /// The credential the attester must return; verifier-side only.
    public let expectedSecret: [UInt8]
    /// The checks made before the challenge (EK certificate chain, key match, attributes).
    public let preliminary: Verdict

    /// Checks the request and makes the challenge; throws when a public area or certificate cannot be parsed.
    public init(request: EnrollmentRequest, context: VerificationContext, random: some RandomSource) async throws {
        try await self.init(
            request: request, expectedSecret: random.bytes(count: Self.secretBytes), context: context, random: random)
    }

    /// Restores a pending enrollment from what a server stored between challenge and response — the request and
    /// ``expectedSecret`` — so that any replica can complete it: the checks are made again as of `context.asOf`,
    /// and ``challenge`` is a fresh encryption of the same secret (it is not sent again).
    public init(
        request: EnrollmentRequest, expectedSecret: [UInt8], context: VerificationContext, random: some RandomSource
    ) async throws {
        guard expectedSecret.count == Self.secretBytes else {
            throw TPMError.invalidCredential(
                "a pending enrollment's secret is \(Self.secretBytes) bytes, not \(expectedSecret.count): restore the one stored with it")
        }
        self.request = request
        ek = try TPMTPublic(parsing: request.ekPublic)
        ak = try TPMTPublic(parsing: request.akPublic)
        let akName = try ak.name()
        var verdict = Verdict(tee: .tpm)
        verdict.claims = [
            "tee": .string(TEEKind.tpm.rawValue), "ak_name": .hex(akName), "ak_public": .string(ak.keyDescription),
            "ek_public": .string(ek.keyDescription),
        ]
        Self.checkAttributes(ak, required: Self.requiredAKAttributes, forbidden: .decrypt, name: TPMCheck.akAttributes, &verdict)
        Self.checkAttributes(ek, required: Self.requiredEKAttributes, forbidden: .sign, name: TPMCheck.ekAttributes, &verdict)
        verdict.check(
            TPMCheck.nameAlgorithms, Self.nameAlgorithms.contains(ak.nameAlg) && Self.nameAlgorithms.contains(ek.nameAlg),
            expected: "SHA-256 or stronger as the AK's and the EK's nameAlg (the credential is bound to the AK's name)",
            observed: "AK nameAlg \(ak.nameAlg), EK nameAlg \(ek.nameAlg)")
        if let der = request.ekCertificate {
            let store = try TPMTrustStore(context: context)
            try await Self.checkEKCertificate(der, ek: ek, store: store, at: context.asOf, &verdict)
        } else {
            verdict.fail(
                TPMCheck.ekCertificateChain, expected: "an EK certificate issued under a trusted root",
                observed: "the request carries no EK certificate")
        }
        self.expectedSecret = expectedSecret
        challenge = try MakeCredential.challenge(credential: expectedSecret, objectName: akName, ek: ek, random: random)
        preliminary = verdict
    }

    /// The outcome of an enrollment.
    public struct Outcome: Sendable {
        /// Every check, including `credential_activation`.
        public let verdict: Verdict
        /// The activated key, when every check passed.
        public let activatedKey: ActivatedAttestationKey?
    }

    /// Checks the attester's response; the AK is activated only when every check passed.
    public func complete(with response: CredentialResponse, at instant: Date) throws -> Outcome {
        var verdict = preliminary
        let akName = Hex.encode(try ak.name())
        verdict.check(
            TPMCheck.credentialActivation, ConstantTime.equal(response.secret, expectedSecret),
            expected: "the secret made with TPM2_MakeCredential for AK \(akName) under this EK",
            observed: "a different secret: the AK is not in the TPM that holds this EK")
        guard verdict.isValid, let certificate = request.ekCertificate else {
            return Outcome(verdict: verdict, activatedKey: nil)
        }
        return Outcome(
            verdict: verdict,
            activatedKey: try ActivatedAttestationKey(akPublic: ak, ekPublic: ek, ekCertificate: certificate, activatedAt: instant))
    }

    /// The name algorithms an enrolled AK and its EK may use: a SHA-1 name would let a colliding public area
    /// share the activated name.
    static let nameAlgorithms: [TPMAlgorithmID] = [.sha256, .sha384, .sha512]

    /// Records whether `area` has every `required` attribute and not the `forbidden` one.
    static func checkAttributes(
        _ area: TPMTPublic, required: TPMAObject, forbidden: TPMAObject, name: TPMCheck, _ verdict: inout Verdict
    ) {
        verdict.check(
            name, area.attributes.isSuperset(of: required) && area.attributes.isDisjoint(with: forbidden),
            expected: "\(required.names.joined(separator: "|")) without \(forbidden.names.joined(separator: "|"))",
            observed: area.attributes.names.joined(separator: "|"))
    }

    /// Checks that the EK certificate chains to a trusted root at `instant`, is meant for an EK, and certifies
    /// `ek`'s key.
    public static func checkEKCertificate(
        _ der: [UInt8], ek: TPMTPublic, store: TPMTrustStore, at instant: Date, _ verdict: inout Verdict
    ) async throws {
        let certificate = try await store.check(der, role: "ek", at: instant, &verdict)
        let problems = certificate.endorsementKeyPurposeProblems
        verdict.check(
            TPMCheck.ekCertificatePurpose, problems.isEmpty,
            expected: "an end-entity certificate for keyEncipherment or keyAgreement (tcg-kp-EKCertificate if it names usages)",
            observed: problems.joined(separator: "; "))
        let certified = try certificate.subjectPublicKeyInfoBytes()
        verdict.check(
            TPMCheck.ekCertificateMatchesEk, (try? ek.subjectPublicKeyInfo()) == certified,
            expected: "the EK certificate's public key", observed: "a different EK public key (\(ek.keyDescription))")
    }
}
