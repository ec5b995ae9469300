import AttestationCore
import TPM

extension VTPMQuote {
    /// Reads bincode (1.x, little-endian u64 lengths): `signature: Vec<u8>`, `message: Vec<u8>`,
    /// `pcrs: Vec<[u8; 32]>`, filling the input exactly.
    public init(bincode bytes: [UInt8]) throws {
        do {
            var reader = ByteReader(bytes)
            let signatureLength = try ByteReader.bounded(
                try reader.readLittleEndian(UInt64.self, field: "quote signature length"), limit: Self.maxSignatureBytes,
                field: "quote signature length")
            let signature = try reader.readArray(signatureLength, field: "quote signature")
            let messageLength = try ByteReader.bounded(
                try reader.readLittleEndian(UInt64.self, field: "quote message length"), limit: TPMSAttest.maxBytes,
                field: "quote message length")
            let message = try reader.readArray(messageLength, field: "quote message")
            let count = try ByteReader.bounded(
                try reader.readLittleEndian(UInt64.self, field: "quote PCR count"), limit: Self.maxPCRs, field: "quote PCR count")
            var pcrs: [[UInt8]] = []
            for index in 0..<count { pcrs.append(try reader.readArray(Self.pcrLength, field: "quote PCR \(index)")) }
            try reader.expectEnd(of: "vTPM quote")
            try self.init(signature: signature, message: message, pcrs: pcrs)
        } catch let error as AttestationCoreError {
            throw AzureCVMError.malformedTPMQuote("bincode: \(error)")
        }
    }
}
