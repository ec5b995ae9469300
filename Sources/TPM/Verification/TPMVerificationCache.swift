import AttestationCore

/// What a ``TPMVerifier`` remembers between calls, keyed by exact bytes (AttestationCore's ``BoundedCache`` and
/// ``ExactBytes``): each AK as read and its verification key and name, PCR values as read and the digests of quoted
/// values, the trust stores built from a context's anchors and collateral, EK/AK certificates and their signature
/// checks (``TPMCertificateCache``), what an event log replays to and the claims of quoted PCR values — so a quote
/// from a known AK costs its own signature check and the parts of its evidence that change.
///
/// Nothing that depends on time or on the quote is kept: quote signatures, the comparison of each quote's pcrDigest,
/// the report data binding, certificate validity at the instant and activations are checked on every call.
final class TPMVerificationCache: Sendable {
    /// The trust-store inputs that decide its contents: which store (EK or AK CAs), the context's anchors and
    /// collateral, and the intermediates the evidence carries.
    struct StoreKey: Hashable, Sendable {
        let kind: String
        let anchors: [ExactBytes]?
        let anchorNames: [String]?
        let collateral: [ExactBytes]
        let collateralSources: [String]
        let intermediates: [ExactBytes]

        init(kind: String, context: VerificationContext, intermediates: [[UInt8]]) {
            self.kind = kind
            anchors = context.trustAnchors?.map { ExactBytes($0.derBytes) }
            anchorNames = context.trustAnchors?.map(\.name)
            collateral = context.collateral.map { ExactBytes($0.bytes) }
            collateralSources = context.collateral.map(\.source)
            self.intermediates = intermediates.map(ExactBytes.init)
        }
    }

    /// An event log read, replayed and its events' claims grouped by PCR index: all fixed by the log's bytes.
    struct ReplayedLog: Sendable {
        let log: TCGEventLog
        let replay: TCGEventLog.Replay
        let events: [Int: [JSONValue]]

        init(_ log: TCGEventLog) {
            var events: [Int: [JSONValue]] = [:]
            for event in log.events {
                events[Int(event.pcrIndex), default: []].append(
                    .object([
                        "type": .string(event.type.name),
                        // A log may list a bank twice for one event: the first digest is the one replayed.
                        "digests": .object(
                            Dictionary(event.digests.map { ($0.algorithm.name, .hex($0.value)) }, uniquingKeysWith: { first, _ in first })),
                        "data": .hex(event.data),
                    ]))
            }
            self.log = log
            self.events = events
            replay = log.replay()
        }
    }

    /// PCR values by the bytes they were read from and the selection they were read for (none: a go-tpm-tools message).
    struct PCRValuesKey: Hashable, Sendable {
        let bytes: ExactBytes
        let selection: PCRSelectionList?
    }

    /// The PCR values a quote digests, concatenated, and the hash it digests them with.
    struct DigestKey: Hashable, Sendable {
        let hash: TPMAlgorithmID
        let values: ExactBytes
    }

    /// Digests of quoted PCR values (what a quote's pcrDigest is compared with).
    let pcrDigests: BoundedCache<DigestKey, [UInt8]>
    /// AKs by the bytes of their `ak_public` attachment.
    let attestationKeys: BoundedCache<ExactBytes, AttestationKeyPublic>
    /// PCR values as read from a file or message.
    let pcrValues: BoundedCache<PCRValuesKey, PCRValues>
    /// An AK's public part: whether it is a TPM public area or a SubjectPublicKeyInfo, and its bytes.
    struct KeyBytes: Hashable, Sendable {
        let isPublicArea: Bool
        let bytes: ExactBytes
    }

    /// Prepared AKs by their public area's (or SubjectPublicKeyInfo's) bytes.
    let keys: BoundedCache<KeyBytes, PreparedAttestationKey>
    /// Trust stores by what they are built from.
    let stores: BoundedCache<StoreKey, TPMTrustStore>
    /// Event logs read and replayed, by their bytes.
    let logs: BoundedCache<ExactBytes, ReplayedLog>
    /// The `pcrs` claim by the selections and values the quotes vouch for (a platform quotes the same PCR values
    /// until it boots again or measures something new).
    let pcrClaims: BoundedCache<ExactBytes, JSONValue>
    /// Parsed certificates, their claims and certificate signature results.
    let certificates: TPMCertificateCache

    init(capacity: Int) {
        keys = BoundedCache(limit: capacity)
        attestationKeys = BoundedCache(limit: capacity)
        pcrValues = BoundedCache(limit: capacity)
        pcrDigests = BoundedCache(limit: capacity)
        stores = BoundedCache(limit: max(1, capacity / 16))
        logs = BoundedCache(limit: max(1, capacity / 16))
        pcrClaims = BoundedCache(limit: capacity)
        certificates = TPMCertificateCache(capacity: capacity)
    }

    /// Readers of evidence parts that remember what the same bytes gave (a part that cannot be read is not
    /// remembered, and throws again).
    var readers: TPMEvidence.Readers {
        TPMEvidence.Readers(
            attestationKey: { bytes in
                try self.attestationKeys.value(for: ExactBytes(bytes)) { try AttestationKeyPublic(parsing: bytes) }
            },
            pcrValues: { bytes, selection in
                try self.pcrValues.value(for: PCRValuesKey(bytes: ExactBytes(bytes), selection: selection)) {
                    try TPMEvidence.Readers.parsing.pcrValues(bytes, selection)
                }
            },
            eventLog: eventLog)
    }

    /// The `hash` digest of quoted PCR values, computed once per distinct values; throws for a hash this build does
    /// not compute.
    func pcrDigest(_ values: [UInt8], hash: TPMAlgorithmID) throws -> [UInt8] {
        try pcrDigests.value(for: DigestKey(hash: hash, values: ExactBytes(values))) {
            try hash.hash(values, field: "quote signature hash")
        }
    }

    /// `ak` prepared once per distinct key (a key that cannot be prepared is not remembered).
    func prepared(_ ak: AttestationKeyPublic) throws -> PreparedAttestationKey {
        let key: KeyBytes
        switch ak {
        case .tpm(let area): key = KeyBytes(isPublicArea: true, bytes: ExactBytes(area.bytes))
        case .subjectPublicKeyInfo(let der): key = KeyBytes(isPublicArea: false, bytes: ExactBytes(der))
        }
        return try keys.value(for: key) { try PreparedAttestationKey(ak) }
    }

    /// The event log these bytes hold, read and replayed once (a log that cannot be read is not remembered).
    func eventLog(_ bytes: [UInt8]) throws -> TCGEventLog {
        try logs.value(for: ExactBytes(bytes)) { ReplayedLog(try TCGEventLog(parsing: bytes)) }.log
    }

    /// `log` replayed once, with the claims of its events grouped by PCR.
    func replayed(_ log: TCGEventLog) -> ReplayedLog {
        logs.value(for: ExactBytes(log.bytes)) { ReplayedLog(log) }
    }
}
