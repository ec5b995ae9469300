extension TPMEvidence {
    /// How the parts of evidence that a platform sends unchanged from one quote to the next are read: its AK, its
    /// PCR values and its event log. ``parsing`` parses them every time; ``TPMVerifier`` passes readers that remember
    /// what the same bytes gave (parsing them cost more than the quote's signature check).
    public struct Readers: Sendable {
        /// Reads the `ak_public` attachment (``AttestationKeyPublic/init(parsing:)``).
        public var attestationKey: @Sendable ([UInt8]) throws -> AttestationKeyPublic
        /// Reads PCR values: a tpm2-tools file for a quote's selection (``PCRValues/init(tpm2ToolsFile:selection:)``),
        /// or, with no selection, a go-tpm-tools `tpm.PCRs` message.
        public var pcrValues: @Sendable ([UInt8], PCRSelectionList?) throws -> PCRValues
        /// Reads an event log (``TCGEventLog/init(parsing:)``).
        public var eventLog: @Sendable ([UInt8]) throws -> TCGEventLog

        public init(
            attestationKey: @escaping @Sendable ([UInt8]) throws -> AttestationKeyPublic,
            pcrValues: @escaping @Sendable ([UInt8], PCRSelectionList?) throws -> PCRValues,
            eventLog: @escaping @Sendable ([UInt8]) throws -> TCGEventLog
        ) {
            self.attestationKey = attestationKey
            self.pcrValues = pcrValues
            self.eventLog = eventLog
        }

        /// Every part parsed from its bytes.
        public static let parsing = Readers(
            attestationKey: AttestationKeyPublic.init(parsing:), pcrValues: TPMEvidence.parsePCRValues,
            eventLog: TCGEventLog.init(parsing:))
    }

    /// PCR values from a tpm2-tools file for `selection`, or from a go-tpm-tools `tpm.PCRs` message when there is no
    /// selection.
    static func parsePCRValues(_ bytes: [UInt8], selection: PCRSelectionList?) throws -> PCRValues {
        guard let selection else { return try pcrs(bytes[...]) }
        return try PCRValues(tpm2ToolsFile: bytes, selection: selection)
    }
}
