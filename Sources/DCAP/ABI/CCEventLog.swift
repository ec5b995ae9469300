import AttestationCore

/// A TCG crypto-agile event log as a TD's firmware and boot loader write it into the CCEL area.
///
/// The first record is a `TCG_PCR_EVENT` (SHA-1 format) carrying the `Spec ID Event03` that lists the digest
/// algorithms and sizes; every following record is a `TCG_PCR_EVENT2`:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 4 | MR index (1…4 = RTMR0…RTMR3; 0 = MRTD) |
/// | 0x04 | 4 | event type |
/// | 0x08 | 4 | digest count D, at most ``maxDigests`` |
/// | 0x0C | … | D × (algorithm ID: 2, digest: size from the Spec ID event) |
/// | … | 4 | event size E, at most ``maxEventSize`` |
/// | … | E | event data |
///
/// The log ends at the end of the area or where a record starts with all-ones (unused area) or all-zero bytes.
public struct CCEventLog: Sendable, Hashable {
    /// Bound on the number of events read.
    public static let maxEvents = 65_536
    /// Bound on the digests per event.
    public static let maxDigests = 8
    /// Bound on one event's data.
    public static let maxEventSize = 16 * 1024 * 1024
    /// Bound on the digest algorithms the Spec ID event may list.
    public static let maxAlgorithms = 8
    /// TCG algorithm ID of SHA-384, the digest TDX extends RTMRs with.
    public static let sha384AlgorithmID: UInt16 = 0x000C
    /// `EV_NO_ACTION`: informational events that are never extended.
    public static let noActionEventType: UInt32 = 0x0000_0003

    /// One event record.
    public struct Event: Sendable, Hashable {
        /// The MR index (1…4 = RTMR0…RTMR3).
        public let mrIndex: UInt32
        /// The event type (`EV_*`).
        public let eventType: UInt32
        /// Digests by TCG algorithm ID.
        public let digests: [UInt16: [UInt8]]
        /// The event data.
        public let data: [UInt8]
    }

    /// The digest sizes announced by the Spec ID event, by algorithm ID.
    public let digestSizes: [UInt16: Int]
    /// The events after the Spec ID event, in log order.
    public let events: [Event]

    /// Parses the event log in `bytes` (the CCEL area, possibly padded after the last event).
    public init(parsing bytes: ArraySlice<UInt8>) throws {
        do {
            var reader = ByteReader(bytes)
            digestSizes = try Self.readSpecIDEvent(&reader)
            var events: [Event] = []
            while reader.remaining >= 8 {
                let header = Array(bytes[(bytes.startIndex + reader.offset)..<(bytes.startIndex + reader.offset + 8)])
                if header.allSatisfy({ $0 == 0xFF }) || header.allSatisfy({ $0 == 0 }) { break }
                guard events.count < Self.maxEvents else {
                    throw AttestationCoreError.boundExceeded(field: "event count", value: events.count + 1, limit: Self.maxEvents)
                }
                events.append(try Self.readEvent(&reader, digestSizes: digestSizes, index: events.count))
            }
            self.events = events
        } catch let error as AttestationCoreError {
            throw DCAPError.malformedEventLog("\(error)")
        }
    }

    static func readSpecIDEvent(_ reader: inout ByteReader) throws -> [UInt16: Int] {
        _ = try reader.readLittleEndian(UInt32.self, field: "Spec ID event PCR index")
        let type = try reader.readLittleEndian(UInt32.self, field: "Spec ID event type")
        guard type == noActionEventType else {
            throw DCAPError.malformedEventLog("the first event has type 0x\(String(type, radix: 16)), not EV_NO_ACTION (Spec ID Event03)")
        }
        _ = try reader.read(20, field: "Spec ID event SHA-1 digest")
        let size = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "Spec ID event size"), limit: 4096, field: "Spec ID event size")
        var spec = ByteReader(try reader.read(size, field: "Spec ID event"))
        let signature = try spec.readArray(16, field: "Spec ID signature")
        guard signature == Array("Spec ID Event03\0".utf8) else {
            throw DCAPError.malformedEventLog("the first event is not 'Spec ID Event03': this is not a crypto-agile log")
        }
        _ = try spec.read(4 + 4, field: "Spec ID platform class, version, errata, uintn size")
        let count = try ByteReader.bounded(
            try spec.readLittleEndian(UInt32.self, field: "Spec ID algorithm count"), limit: maxAlgorithms,
            field: "Spec ID algorithm count")
        var sizes: [UInt16: Int] = [:]
        for _ in 0..<count {
            let algorithm = try spec.readLittleEndian(UInt16.self, field: "Spec ID algorithm ID")
            sizes[algorithm] = Int(try spec.readLittleEndian(UInt16.self, field: "Spec ID digest size"))
        }
        return sizes
    }

    static func readEvent(_ reader: inout ByteReader, digestSizes: [UInt16: Int], index: Int) throws -> Event {
        let mrIndex = try reader.readLittleEndian(UInt32.self, field: "event \(index) MR index")
        let eventType = try reader.readLittleEndian(UInt32.self, field: "event \(index) type")
        let count = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "event \(index) digest count"), limit: maxDigests,
            field: "event \(index) digest count")
        var digests: [UInt16: [UInt8]] = [:]
        for _ in 0..<count {
            let algorithm = try reader.readLittleEndian(UInt16.self, field: "event \(index) digest algorithm")
            guard let size = digestSizes[algorithm] else {
                throw DCAPError.malformedEventLog("event \(index) uses digest algorithm 0x\(String(algorithm, radix: 16)), which the Spec ID event does not list")
            }
            digests[algorithm] = try reader.readArray(size, field: "event \(index) digest")
        }
        let size = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "event \(index) data size"), limit: maxEventSize,
            field: "event \(index) data size")
        let data = try reader.readArray(size, field: "event \(index) data")
        return Event(mrIndex: mrIndex, eventType: eventType, digests: digests, data: data)
    }
}
