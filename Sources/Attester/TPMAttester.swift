public import AttestationCore
public import TPM
public import TPMDevice

/// Guest-side TPM attestation over a ``TPMClient``: creates an attestation key, answers the verifier's
/// credential-activation challenge, and quotes PCRs bound to runtime data (extraData = SHA-256 of its bytes).
///
/// Every object it loads is flushed before it returns, so it works on TPMs without a resource manager (swtpm).
public final class TPMAttester {
    /// Bound on quote attempts when PCRs change between the quote and the read-back.
    public static let maxQuoteAttempts = 3

    /// The TPM.
    public let client: TPMClient
    /// The endorsement key type the TPM is certified for.
    public let endorsement: EndorsementKeyType
    /// The template of the storage root key AKs are created under (ECC by default: TPMs derive ECC primary keys
    /// much faster than RSA ones, and the AK's parent does not change what the AK attests).
    public let storage: TPMTPublic
    let random: any RandomSource

    public init(
        client: TPMClient, endorsement: EndorsementKeyType = .rsa2048, storage: TPMTPublic = TPMKeyTemplate.storageECCP256,
        random: any RandomSource = SystemRandomSource()
    ) {
        self.client = client
        self.endorsement = endorsement
        self.storage = storage
        self.random = random
    }

    /// Creates a new attestation key from `template` under the storage root key (both transient).
    public func createAttestationKey(template: TPMTPublic = TPMKeyTemplate.attestationRSA2048()) throws -> TPMClient.CreatedKey {
        let storage = try client.createPrimary(.owner, template: storage)
        defer { try? client.flush(storage.handle) }
        return try client.create(parent: storage.handle, template: template)
    }

    /// The EK certificate from NV, or nil when the TPM has none at the index of ``endorsement``.
    public func endorsementCertificate() throws -> [UInt8]? {
        do {
            return try client.readEndorsementCertificate(endorsement.certificateIndex)
        } catch TPMError.commandFailed(_, let code) where TPMResponseCode(rawValue: code).formatOneError == .handle {
            return nil
        }
    }

    /// The enrollment request for `key`: EK public area and certificate, AK public area.
    public func enrollmentRequest(for key: TPMClient.CreatedKey) throws -> EnrollmentRequest {
        let ek = try client.createPrimary(.endorsement, template: endorsement.template)
        try client.flush(ek.handle)
        return EnrollmentRequest(
            ekCertificate: try endorsementCertificate(), ekPublic: ek.publicArea.bytes, akPublic: key.publicArea.bytes)
    }

    /// Answers a credential challenge for `key` with TPM2_ActivateCredential under the EK.
    public func activate(_ challenge: CredentialChallenge, for key: TPMClient.CreatedKey) throws -> CredentialResponse {
        let ak = try load(key)
        defer { try? client.flush(ak.handle) }
        let ek = try client.createPrimary(.endorsement, template: endorsement.template)
        defer { try? client.flush(ek.handle) }
        return CredentialResponse(
            secret: try client.activateCredential(challenge, object: ak.handle, endorsementKey: ek, random: random))
    }

    /// Quotes `selection` with `key`, bound to `runtimeData`, and reads the PCR values back; retries when a PCR
    /// changed in between (the values must digest to the quote's pcrDigest).
    public func quote(
        runtimeData: RuntimeData, selection: PCRSelectionList, with key: TPMClient.CreatedKey, eventLog: [UInt8]? = nil
    ) throws -> TPMQuoteEvidence {
        let ak = try load(key)
        defer { try? client.flush(ak.handle) }
        return try quote(runtimeData: runtimeData, selection: selection, signer: ak, eventLog: eventLog)
    }

    /// Quotes `selection` with the loaded or persistent key `signer` (e.g. a platform's own AK), bound to
    /// `runtimeData`, and reads the PCR values back, retrying when a PCR changed in between.
    public func quote(
        runtimeData: RuntimeData, selection: PCRSelectionList, signer: TPMClient.LoadedKey, eventLog: [UInt8]? = nil
    ) throws -> TPMQuoteEvidence {
        let extraData = runtimeData.reportData(for: .sha256)
        for _ in 0..<Self.maxQuoteAttempts {
            if let evidence = try attempt(signer, extraData: extraData, selection: selection, eventLog: eventLog) {
                return evidence
            }
        }
        throw TPMError.invalidPCRValues(reason: "PCRs kept changing while quoting (\(Self.maxQuoteAttempts) attempts)")
    }

    func attempt(
        _ ak: TPMClient.LoadedKey, extraData: [UInt8], selection: PCRSelectionList, eventLog: [UInt8]?
    ) throws -> TPMQuoteEvidence? {
        let (attest, signature) = try client.quote(signer: ak.handle, qualifyingData: extraData, selection: selection)
        let values = try client.readPCRs(selection)
        guard let info = attest.quoteInfo, let concatenated = values.concatenated(for: info.pcrSelect),
            try signature.hash.hash(concatenated, field: "quote signature hash") == info.pcrDigest
        else { return nil }
        return TPMQuoteEvidence(
            attest: attest, signature: signature, akPublic: ak.publicArea, pcrValues: values,
            ekCertificate: try endorsementCertificate(), eventLog: eventLog)
    }

    /// Loads `key` under a freshly recreated storage root key, which is flushed again.
    func load(_ key: TPMClient.CreatedKey) throws -> TPMClient.LoadedKey {
        let storage = try client.createPrimary(.owner, template: storage)
        defer { try? client.flush(storage.handle) }
        return try client.load(key, parent: storage.handle)
    }
}
