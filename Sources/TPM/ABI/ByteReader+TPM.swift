public import AttestationCore

extension ByteReader {
    /// Reads a TPM2B: a big-endian UINT16 size, checked against `limit`, then that many bytes.
    public mutating func readTPM2B(limit: Int, field: @autoclosure () -> String) throws -> [UInt8] {
        let size = try ByteReader.bounded(
            try readBigEndian(UInt16.self, field: "\(field()).size"), limit: limit, field: "\(field()).size")
        return try readArray(size, field: field())
    }

    /// Reads a TPM_ALG_ID (big-endian UINT16).
    public mutating func readAlgorithm(field: @autoclosure () -> String) throws -> TPMAlgorithmID {
        TPMAlgorithmID(rawValue: try readBigEndian(UInt16.self, field: field()))
    }
}
