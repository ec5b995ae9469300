import AttestationCore

/// A TCG PC Client event log as firmware and the OS record it (`binary_bios_measurements`): either the
/// crypto-agile format (a `Spec ID Event03` header, then TCG_PCR_EVENT2 records with one digest per bank) or the
/// legacy SHA-1 format (TCG_PCR_EVENT records only, as TPM 1.2-era firmware and Windows 2020 GCE images write).
///
/// Event logs are unsigned: only their replay against quoted PCR values makes them trustworthy.
public struct TCGEventLog: Sendable, Hashable {
    /// Largest event log accepted (real logs are tens of kilobytes).
    public static let maxBytes = Evidence.maxBytes
    /// Bound on the number of events.
    public static let maxEvents = 100_000
    /// Bound on one event's data.
    public static let maxEventDataBytes = 1024 * 1024
    /// Bound on the digests of one TCG_PCR_EVENT2 (one per bank).
    public static let maxDigestsPerEvent = TCGSpecIDEvent.maxAlgorithms

    /// The record format of the log.
    public enum Format: String, Sendable, Hashable {
        /// TCG_PCR_EVENT2 records after a Spec ID header (TCG PC Client PFP 2.0).
        case cryptoAgile = "crypto_agile"
        /// TCG_PCR_EVENT records with SHA-1 digests only (TCG 1.2 format).
        case legacySHA1 = "legacy_sha1"
    }

    /// The record format.
    public let format: Format
    /// The header of a crypto-agile log.
    public let specID: TCGSpecIDEvent?
    /// The events after the header, in log order.
    public let events: [TCGEvent]
    /// The exact bytes of the log.
    public let bytes: [UInt8]

    /// Parses a whole log; every byte must belong to an event.
    public init(parsing bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { throw TPMError.malformedEventLog(offset: 0, reason: "the log is empty") }
        guard bytes.count <= Self.maxBytes else {
            throw TPMError.malformedEventLog(offset: 0, reason: "\(bytes.count) bytes is above the limit of \(Self.maxBytes)")
        }
        self.bytes = bytes
        var reader = ByteReader(bytes)
        let first = try Self.event(&reader, sequence: 0) { try Self.legacyRecord(&$0) }
        if first.type == .noAction, first.pcrIndex == 0, first.data.starts(with: TCGSpecIDEvent.signature) {
            let header: TCGSpecIDEvent
            do { header = try TCGSpecIDEvent(parsing: first.data) } catch {
                throw TPMError.malformedEventLog(offset: 32, reason: "Spec ID header: \(error)")
            }
            format = .cryptoAgile
            specID = header
            var events: [TCGEvent] = []
            while !reader.isAtEnd {
                events.append(try Self.event(&reader, sequence: events.count) { try Self.agileRecord(&$0, header: header) })
            }
            self.events = events
        } else {
            format = .legacySHA1
            specID = nil
            var events = [first]
            while !reader.isAtEnd {
                events.append(try Self.event(&reader, sequence: events.count) { try Self.legacyRecord(&$0) })
            }
            self.events = events
        }
    }

    /// The fields of one record: pcrIndex, eventType, digests, event data.
    typealias Record = (pcrIndex: UInt32, type: TCGEventType, digests: [TCGEvent.Digest], data: [UInt8])

    /// Reads one record with `read`, bounding the event count and locating errors.
    static func event(
        _ reader: inout ByteReader, sequence: Int, _ read: (inout ByteReader) throws -> Record
    ) throws -> TCGEvent {
        guard sequence < maxEvents else {
            throw TPMError.malformedEventLog(offset: reader.offset, reason: "more than \(maxEvents) events")
        }
        let offset = reader.offset
        do {
            let record = try read(&reader)
            return TCGEvent(
                sequence: sequence, offset: offset, pcrIndex: record.pcrIndex, type: record.type, digests: record.digests,
                data: record.data)
        } catch let error as AttestationCoreError {
            throw TPMError.malformedEventLog(offset: offset, reason: "event \(sequence): \(error)")
        } catch let error as TPMError {
            throw TPMError.malformedEventLog(offset: offset, reason: "event \(sequence): \(error)")
        }
    }

    /// TCG_PCR_EVENT: pcrIndex (UINT32), eventType (UINT32), digest (20 bytes, SHA-1), eventDataSize (UINT32),
    /// event. Little-endian.
    static func legacyRecord(_ reader: inout ByteReader) throws -> Record {
        let pcrIndex = try reader.readLittleEndian(UInt32.self, field: "TCG_PCR_EVENT.pcrIndex")
        let type = TCGEventType(rawValue: try reader.readLittleEndian(UInt32.self, field: "TCG_PCR_EVENT.eventType"))
        let digest = try reader.readArray(20, field: "TCG_PCR_EVENT.digest")
        let data = try eventData(&reader, field: "TCG_PCR_EVENT")
        return (pcrIndex, type, [TCGEvent.Digest(algorithm: .sha1, value: digest)], data)
    }

    /// TCG_PCR_EVENT2: pcrIndex (UINT32), eventType (UINT32), digests (TPML_DIGEST_VALUES: count UINT32, then
    /// hashAlg UINT16 and a digest of the size the header gives), eventSize (UINT32), event. Little-endian.
    static func agileRecord(_ reader: inout ByteReader, header: TCGSpecIDEvent) throws -> Record {
        let pcrIndex = try reader.readLittleEndian(UInt32.self, field: "TCG_PCR_EVENT2.pcrIndex")
        let type = TCGEventType(rawValue: try reader.readLittleEndian(UInt32.self, field: "TCG_PCR_EVENT2.eventType"))
        let count = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "TCG_PCR_EVENT2.digests.count"), limit: maxDigestsPerEvent,
            field: "TCG_PCR_EVENT2.digests.count")
        var digests: [TCGEvent.Digest] = []
        for index in 0..<count {
            let algorithm = TPMAlgorithmID(
                rawValue: try reader.readLittleEndian(UInt16.self, field: "TCG_PCR_EVENT2.digests[\(index)].hashAlg"))
            guard let size = header.algorithms.first(where: { $0.algorithm == algorithm })?.digestSize else {
                throw TPMError.invalidField(
                    structure: "TCG_PCR_EVENT2", field: "digests[\(index)].hashAlg",
                    value: "\(algorithm.name), which the Spec ID header does not list")
            }
            digests.append(
                TCGEvent.Digest(algorithm: algorithm, value: try reader.readArray(size, field: "TCG_PCR_EVENT2.digests[\(index)]")))
        }
        let data = try eventData(&reader, field: "TCG_PCR_EVENT2")
        return (pcrIndex, type, digests, data)
    }

    static func eventData(_ reader: inout ByteReader, field: String) throws -> [UInt8] {
        let size = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "\(field).eventSize"), limit: maxEventDataBytes,
            field: "\(field).eventSize")
        return try reader.readArray(size, field: "\(field).event")
    }
}
