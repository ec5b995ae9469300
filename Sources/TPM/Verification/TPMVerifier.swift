public import AttestationCore
import Foundation
import PKI
import X509

/// Verifies TPM 2.0 quotes: each quote's magic, type and AK signature, the PCR digest recomputed from the
/// reported PCR values with the signing scheme's hash, the binding of extraData to the runtime data (SHA-256),
/// the event log's replay against the quoted PCRs, and how the AK is endorsed — an AK certificate for a signing
/// key chaining to a trusted AK root, or an activation record binding it to an EK whose certificate chains to a
/// trusted EK root.
///
/// An AK with neither is verified "as given" (the evidence is consistent, not hardware-rooted): the claim
/// `ak_endorsement` is `none` and the appraisal policy decides what that is worth.
public struct TPMVerifier: EvidenceVerifier {
    public let tee = TEEKind.tpm
    public let binding = ReportDataBinding.sha256

    /// The keys this verifier has activated, if it keeps any.
    public let registry: (any AttestationKeyRegistry)?
    /// The EK certificate authorities configured for this verifier (a service's), used when a verification's
    /// context names no trust anchors of its own; nil: the context's, or the built-in pins.
    public let roots: TPMEndorsementRoots?
    /// The AK certificate authorities configured for this verifier, kept apart from the EK CAs: a CA trusted to
    /// certify endorsement keys is not thereby trusted to certify the keys that sign quotes. Used when a
    /// verification's context names no trust anchors of its own; nil: the context's, or the built-in pins (GCE's
    /// covers both its EK and AK certificates).
    public let akRoots: TPMEndorsementRoots?

    public init(
        registry: (any AttestationKeyRegistry)? = nil, roots: TPMEndorsementRoots? = nil, akRoots: TPMEndorsementRoots? = nil
    ) {
        self.registry = registry
        self.roots = roots
        self.akRoots = akRoots
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        try await verify(TPMEvidence(parsing: evidence), context: context)
    }

    /// Verifies parsed TPM evidence.
    public func verify(_ evidence: TPMEvidence, context: VerificationContext) async throws -> Verdict {
        guard let first = evidence.quotes.first else {
            throw TPMError.missingPart("quote", hint: "the evidence must carry at least one TPMS_ATTEST and its signature")
        }
        let key = try evidence.attestationKey.verificationKey()
        let akName = try evidence.attestationKey.tpmPublic?.name()
        var verdict = Verdict(tee: tee)
        var quoted = PCRValues()
        let labelled = evidence.quotes.count > 1
        for quote in evidence.quotes {
            let label = labelled ? "quote_\(quote.attest.quoteInfo?.pcrSelect.banks.first?.hash.name ?? "other")" : "quote"
            if let values = checkQuote(quote, label: label, key: key, context: context, &verdict) {
                quoted.merge(values)
            }
        }
        checkAttestationKeyAttributes(evidence.attestationKey, &verdict)
        if let creation = evidence.akCreation, let area = evidence.attestationKey.tpmPublic {
            checkCreation(creation, ak: area, key: key, &verdict)
        }
        let events = evidence.eventLog.map { checkEventLog($0, quoted: quoted, &verdict) } ?? nil
        let endorsement = try await checkEndorsement(evidence, akName: akName, context: context, &verdict)
        if let note = first.attest.clockInfo.reservedFields.note { verdict.notes.append(note) }
        verdict.claims.merge(
            claims(evidence, first: first.attest, quoted: quoted, akName: akName, endorsement: endorsement, events: events)
        ) { current, _ in current }
        return verdict
    }

    /// The claims of ARCHITECTURE.md §4 (`tpm`).
    func claims(
        _ evidence: TPMEvidence, first: TPMSAttest, quoted: PCRValues, akName: [UInt8]?, endorsement: String,
        events: JSONValue?
    ) -> Claims {
        var claims: Claims = [
            "tee": .string(tee.rawValue),
            "report_data": .hex(first.extraData),
            "extra_data": .hex(first.extraData),
            "pcrs": quoted.json,
            "clock": .unsigned(first.clockInfo.clock),
            "reset_count": .unsigned(first.clockInfo.resetCount),
            "restart_count": .unsigned(first.clockInfo.restartCount),
            "safe": .bool(first.clockInfo.safe),
            "firmware_version": .hex((0..<8).map { UInt8(truncatingIfNeeded: first.firmwareVersion >> (56 - 8 * $0)) }),
            "ak_public": .string(evidence.attestationKey.keyDescription),
            "ak_endorsement": .string(endorsement),
            "evidence_format": .string(evidence.format.rawValue),
            "quotes": .array(
                evidence.quotes.map { quote in
                    .object([
                        "pcr_selection": .string(quote.attest.quoteInfo?.pcrSelect.text ?? ""),
                        "pcr_digest": .hex(quote.attest.quoteInfo?.pcrDigest ?? []),
                        "signature_scheme": .string(quote.signature.schemeDescription),
                        "extra_data": .hex(quote.attest.extraData),
                    ])
                }),
        ]
        if let akName { claims["ak_name"] = .hex(akName) }
        if let reserved = first.clockInfo.reservedFields.claim { claims["reserved_nonzero"] = reserved }
        if let events { claims["events"] = events }
        if let log = evidence.eventLog { claims["event_log_format"] = .string(log.format.rawValue) }
        return claims
    }
}
