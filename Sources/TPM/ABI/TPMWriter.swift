/// Marshals TPM structures: big-endian integers and TPM2B size-prefixed buffers (TPM 2.0 Part 1, §9).
public struct TPMWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends one byte.
    public mutating func write(_ value: UInt8) { bytes.append(value) }

    /// Appends a big-endian integer.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        for shift in stride(from: (MemoryLayout<T>.size - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    /// Appends a TPM_ALG_ID.
    public mutating func write(_ algorithm: TPMAlgorithmID) { write(algorithm.rawValue) }

    /// Appends raw bytes.
    public mutating func write(bytes more: some Sequence<UInt8>) { bytes.append(contentsOf: more) }

    /// Appends a TPM2B: the UINT16 size, then the bytes (callers keep buffers within their TPM2B bounds).
    public mutating func writeTPM2B(_ buffer: some Collection<UInt8>) {
        write(UInt16(truncatingIfNeeded: buffer.count))
        bytes.append(contentsOf: buffer)
    }

    /// Appends a TPM2B whose content is written by `body` (the size is filled in afterwards).
    public mutating func writeTPM2B(_ body: (inout TPMWriter) -> Void) {
        var inner = TPMWriter()
        body(&inner)
        writeTPM2B(inner.bytes)
    }
}
