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
///
/// What depends only on exact bytes — each AK as read and its key and name, PCR values as read, trust stores,
/// certificates and their signatures, event logs and the claims of quoted PCR values — is remembered
/// (``TPMVerificationCache``), so a quote from a known AK costs little more than its signature check; every
/// signature, digest, binding and validity is still checked.
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
    /// AKs, trust stores, certificates and event logs already seen (``TPMVerificationCache``).
    let cache: TPMVerificationCache

    /// A verifier that remembers up to `cacheCapacity` AKs and certificates (four times as many certificate
    /// signatures, a sixteenth as many trust stores and event logs).
    public init(
        registry: (any AttestationKeyRegistry)? = nil, roots: TPMEndorsementRoots? = nil, akRoots: TPMEndorsementRoots? = nil,
        cacheCapacity: Int = 256
    ) {
        self.registry = registry
        self.roots = roots
        self.akRoots = akRoots
        cache = TPMVerificationCache(capacity: cacheCapacity)
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        try await verify(TPMEvidence(parsing: evidence, readers: cache.readers), context: context)
    }

    /// Verifies parsed TPM evidence.
    public func verify(_ evidence: TPMEvidence, context: VerificationContext) async throws -> Verdict {
        guard let first = evidence.quotes.first else {
            throw TPMError.missingPart("quote", hint: "the evidence must carry at least one TPMS_ATTEST and its signature")
        }
        let ak = try cache.prepared(evidence.attestationKey)
        let key = ak.key
        var verdict = Verdict(tee: tee)
        var quoted = PCRValues()
        // The selections and values the quotes vouch for, as bytes: what the `pcrs` claim is made from.
        var quotedBytes: [UInt8] = []
        let labelled = evidence.quotes.count > 1
        for quote in evidence.quotes {
            let label = labelled ? "quote_\(quote.attest.quoteInfo?.pcrSelect.banks.first?.hash.name ?? "other")" : "quote"
            if let selected = checkQuote(quote, label: label, key: key, context: context, &verdict) {
                quoted.merge(selected.values)
                for bank in selected.selection.banks {
                    quotedBytes += [UInt8(bank.hash.rawValue >> 8), UInt8(bank.hash.rawValue & 0xff), UInt8(bank.indices.count)]
                    quotedBytes += bank.indices.map { UInt8(truncatingIfNeeded: $0) }
                }
                quotedBytes += selected.concatenated
            }
        }
        let pcrs = cache.pcrClaims.value(for: ExactBytes(quotedBytes)) { quoted.json }
        checkAttestationKeyAttributes(evidence.attestationKey, &verdict)
        if let creation = evidence.akCreation, let area = evidence.attestationKey.tpmPublic {
            checkCreation(creation, ak: area, key: key, &verdict)
        }
        let events = evidence.eventLog.map { checkEventLog($0, quoted: quoted, &verdict) } ?? nil
        let endorsement = try await checkEndorsement(evidence, ak: ak, context: context, &verdict)
        if let note = first.attest.clockInfo.reservedFields.note { verdict.notes.append(note) }
        // The claims checks recorded so far win; they are fewer, so they are merged into the new ones.
        var claims = claims(evidence, first: first.attest, pcrs: pcrs, ak: ak, endorsement: endorsement, events: events)
        claims.merge(verdict.claims) { _, recorded in recorded }
        verdict.claims = claims
        return verdict
    }

    /// The claims of ARCHITECTURE.md §4 (`tpm`).
    func claims(
        _ evidence: TPMEvidence, first: TPMSAttest, pcrs: JSONValue, ak: PreparedAttestationKey, endorsement: String,
        events: JSONValue?
    ) -> Claims {
        // One hex string serves every claim of the same bytes (the first quote's extraData is the report data).
        let extraData = JSONValue.hex(first.extraData)
        var claims: Claims = [
            "tee": .string(tee.rawValue),
            "report_data": extraData,
            "extra_data": extraData,
            "pcrs": pcrs,
            "clock": .unsigned(first.clockInfo.clock),
            "reset_count": .unsigned(first.clockInfo.resetCount),
            "restart_count": .unsigned(first.clockInfo.restartCount),
            "safe": .bool(first.clockInfo.safe),
            "firmware_version": .hex((0..<8).map { UInt8(truncatingIfNeeded: first.firmwareVersion >> (56 - 8 * $0)) }),
            "ak_public": .string(ak.description),
            "ak_endorsement": .string(endorsement),
            "evidence_format": .string(evidence.format.rawValue),
            "quotes": .array(
                evidence.quotes.map { quote in
                    .object([
                        "pcr_selection": .string(quote.attest.quoteInfo?.pcrSelect.text ?? ""),
                        "pcr_digest": .hex(quote.attest.quoteInfo?.pcrDigest ?? []),
                        "signature_scheme": .string(quote.signature.schemeDescription),
                        "extra_data": quote.attest.extraData == first.extraData ? extraData : .hex(quote.attest.extraData),
                    ])
                }),
        ]
        if let name = ak.nameClaim { claims["ak_name"] = name }
        if let reserved = first.clockInfo.reservedFields.claim { claims["reserved_nonzero"] = reserved }
        if let events { claims["events"] = events }
        if let log = evidence.eventLog { claims["event_log_format"] = .string(log.format.rawValue) }
        return claims
    }
}
