public import TPM
public import AttestationCore

extension TPMClient {
    /// TPM_SE_POLICY.
    static let policySessionType: UInt8 = 0x01

    /// TPM2_ActivateCredential: recovers the secret of `challenge` with `endorsementKey` (authorised by a policy
    /// session satisfying the TCG default EK policy, PolicySecret(TPM_RH_ENDORSEMENT)) for the loaded `object`
    /// (empty password). The TPM refuses (TPM_RC_INTEGRITY) unless the credential was made for this EK and
    /// this object's name.
    public func activateCredential(
        _ challenge: CredentialChallenge, object: TPMHandle, endorsementKey: LoadedKey, random: some RandomSource
    ) throws -> [UInt8] {
        let nameAlg = endorsementKey.publicArea.nameAlg
        guard let nonceSize = nameAlg.digestSize else {
            throw TPMError.unsupportedAlgorithm(field: "EK nameAlg", algorithm: nameAlg)
        }
        let session = try startPolicySession(hash: nameAlg, nonce: random.bytes(count: nonceSize))
        do {
            var policy = TPMWriter()
            policy.writeTPM2B([UInt8]())  // nonceTPM: no expiry bound to the session nonce
            policy.writeTPM2B([UInt8]())  // cpHashA
            policy.writeTPM2B([UInt8]())  // policyRef
            policy.write(Int32(0))  // expiration
            _ = try execute(
                TPMCommand(
                    code: .policySecret, handles: [.endorsement, session], authorizations: [.password([])],
                    parameters: policy.bytes))
            var parameters = TPMWriter()
            parameters.writeTPM2B(challenge.credentialBlob)
            parameters.writeTPM2B(challenge.encryptedSecret)
            let response = try execute(
                TPMCommand(
                    code: .activateCredential, handles: [object, endorsementKey.handle],
                    authorizations: [.password([]), .policy(session, nonceCaller: random.bytes(count: nonceSize))],
                    parameters: parameters.bytes))
            var reader = ByteReader(response.parameters)
            return try TPMError.parsing("TPM2_ActivateCredential response") {
                let certificate = try reader.readTPM2B(limit: MakeCredential.maxCredentialBytes, field: "certInfo")
                try reader.expectEnd(of: "TPM2_ActivateCredential response")
                return certificate
            }
        } catch {
            try? flush(session)
            throw error
        }
    }

    /// TPM2_StartAuthSession for an unbound, unsalted policy session with `hash` and the caller's `nonce`.
    func startPolicySession(hash: TPMAlgorithmID, nonce: [UInt8]) throws -> TPMHandle {
        var parameters = TPMWriter()
        parameters.writeTPM2B(nonce)
        parameters.writeTPM2B([UInt8]())
        parameters.write(Self.policySessionType)
        parameters.write(TPMAlgorithmID.null)
        parameters.write(hash)
        let response = try execute(
            TPMCommand(code: .startAuthSession, handles: [.null, .null], parameters: parameters.bytes), handleCount: 1)
        return response.handles[0]
    }
}
