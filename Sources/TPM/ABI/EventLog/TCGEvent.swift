/// One measurement of a TCG event log: the PCR it was extended into, its type, digests and data.
public struct TCGEvent: Sendable, Hashable {
    /// One digest of the event, in one PCR bank.
    public struct Digest: Sendable, Hashable {
        /// The bank's hash algorithm.
        public let algorithm: TPMAlgorithmID
        /// The digest extended into that bank.
        public let value: [UInt8]

        public init(algorithm: TPMAlgorithmID, value: [UInt8]) {
            self.algorithm = algorithm
            self.value = value
        }
    }

    /// The event's position in the log, counting from 0 (the Spec ID header is not counted).
    public let sequence: Int
    /// The byte offset where the event starts in the log.
    public let offset: Int
    /// pcrIndex.
    public let pcrIndex: UInt32
    /// eventType.
    public let type: TCGEventType
    /// digest (TCG_PCR_EVENT: one SHA-1 digest) or digests (TCG_PCR_EVENT2: one per bank), in log order.
    public let digests: [Digest]
    /// event: the event data (unmeasured unless its type says the digest is the hash of it).
    public let data: [UInt8]

    public init(sequence: Int, offset: Int, pcrIndex: UInt32, type: TCGEventType, digests: [Digest], data: [UInt8]) {
        self.sequence = sequence
        self.offset = offset
        self.pcrIndex = pcrIndex
        self.type = type
        self.digests = digests
        self.data = data
    }

    /// The digest for `algorithm`, if the event carries one.
    public func digest(_ algorithm: TPMAlgorithmID) -> [UInt8]? {
        digests.first { $0.algorithm == algorithm }?.value
    }
}
