import AttestationCore
import TPM

/// Writes crypto-agile TCG event logs (a Spec ID header, then TCG_PCR_EVENT2 records) for the measurements a
/// test extends into a TPM.
struct EventLogBuilder {
    static let banks: [TPMAlgorithmID] = [.sha1, .sha256, .sha384]
    private(set) var bytes: [UInt8]

    init() {
        var header: [UInt8] = TCGSpecIDEvent.signature
        header += Self.little(UInt32(0)) + [0, 2, 0, 2]
        header += Self.little(UInt32(Self.banks.count))
        for bank in Self.banks {
            header += Self.little(bank.rawValue) + Self.little(UInt16(bank.digestSize ?? 0))
        }
        header += [0]
        bytes = Self.little(UInt32(0)) + Self.little(UInt32(3)) + [UInt8](repeating: 0, count: 20)
        bytes += Self.little(UInt32(header.count)) + header
    }

    /// Appends an event measuring `data` into `pcr` in every bank and returns its digests.
    @discardableResult
    mutating func measure(_ data: [UInt8], pcr: Int, type: UInt32 = 0x0000_000D) throws -> [TCGEvent.Digest] {
        let digests = try Self.banks.map { TCGEvent.Digest(algorithm: $0, value: try $0.hash(data, field: "test")) }
        bytes += Self.little(UInt32(pcr)) + Self.little(type) + Self.little(UInt32(digests.count))
        for digest in digests { bytes += Self.little(digest.algorithm.rawValue) + digest.value }
        bytes += Self.little(UInt32(data.count)) + data
        return digests
    }

    static func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
