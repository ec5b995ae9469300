import TPM
import AttestationCore

extension TPMClient {
    /// TPMA_NV_PPREAD, TPMA_NV_OWNERREAD, TPMA_NV_AUTHREAD: who may read an NV index.
    static let nvPlatformRead: UInt32 = 1 << 16
    static let nvOwnerRead: UInt32 = 1 << 17
    static let nvAuthRead: UInt32 = 1 << 18
    /// Bound on an NV index's size (EK certificates are 1–2 KiB; `MAX_NV_INDEX_SIZE` is typically 2048).
    static let maxNVBytes = 16 * 1024
    /// Chunk size when the TPM does not report TPM_PT_NV_BUFFER_MAX.
    static let defaultNVChunk = 512

    /// The NV indices of EK certificates (TCG EK Credential Profile §2.2.1.5).
    public enum EndorsementCertificateIndex: UInt32, Sendable, CaseIterable {
        /// RSA 2048 EK certificate (template L-1).
        case rsa2048 = 0x01C0_0002
        /// ECC NIST P-256 EK certificate (template L-2).
        case eccP256 = 0x01C0_000A
        /// ECC NIST P-384 EK certificate (high-range template H-3, as swtpm writes).
        case eccP384 = 0x01C0_0016
    }

    /// Reads the whole NV index `index` (TPM2_NV_ReadPublic for its size and read authority, then TPM2_NV_Read in
    /// chunks with the empty password).
    public func readNV(_ index: UInt32) throws -> [UInt8] {
        let handle = TPMHandle(rawValue: index)
        let response = try execute(TPMCommand(code: .nvReadPublic, handles: [handle]))
        var reader = ByteReader(response.parameters)
        let (attributes, size) = try TPMError.parsing("TPM2_NV_ReadPublic response") {
            let area = try reader.readTPM2B(limit: TPMTPublic.maxBytes, field: "nvPublic")
            _ = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "nvName")
            try reader.expectEnd(of: "TPM2_NV_ReadPublic response")
            var inner = ByteReader(area)
            _ = try inner.readBigEndian(UInt32.self, field: "TPMS_NV_PUBLIC.nvIndex")
            _ = try inner.readAlgorithm(field: "TPMS_NV_PUBLIC.nameAlg")
            let attributes = try inner.readBigEndian(UInt32.self, field: "TPMS_NV_PUBLIC.attributes")
            _ = try inner.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "TPMS_NV_PUBLIC.authPolicy")
            let size = try ByteReader.bounded(
                try inner.readBigEndian(UInt16.self, field: "TPMS_NV_PUBLIC.dataSize"), limit: Self.maxNVBytes,
                field: "TPMS_NV_PUBLIC.dataSize")
            try inner.expectEnd(of: "TPMS_NV_PUBLIC")
            return (attributes, size)
        }
        let authority: TPMHandle
        if attributes & Self.nvAuthRead != 0 {
            authority = handle
        } else if attributes & Self.nvOwnerRead != 0 {
            authority = .owner
        } else {
            authority = .platform
        }
        let reported = try? properties(TPMProperty.nvBufferMax, count: 1).first { $0.0 == TPMProperty.nvBufferMax }?.1
        let chunk = reported.map(Int.init) ?? Self.defaultNVChunk
        var data: [UInt8] = []
        while data.count < size {
            let length = min(max(chunk, 1), size - data.count, TPMResponse.maxBytes / 2)
            var parameters = TPMWriter()
            parameters.write(UInt16(length))
            parameters.write(UInt16(data.count))
            let read = try execute(
                TPMCommand(code: .nvRead, handles: [authority, handle], authorizations: [.password([])], parameters: parameters.bytes))
            var reader = ByteReader(read.parameters)
            let bytes = try TPMError.parsing("TPM2_NV_Read response") {
                let bytes = try reader.readTPM2B(limit: length, field: "data")
                try reader.expectEnd(of: "TPM2_NV_Read response")
                return bytes
            }
            guard !bytes.isEmpty else { throw TPMError.invalidField(structure: "TPM2_NV_Read response", field: "data", value: "empty") }
            data += bytes
        }
        return data
    }

    /// The EK certificate (DER) stored at `index`; EK certificate indices may hold padding after the DER.
    public func readEndorsementCertificate(_ index: EndorsementCertificateIndex) throws -> [UInt8] {
        let stored = try readNV(index.rawValue)
        guard stored.count >= 4, stored[0] == 0x30, stored[1] == 0x82 else { return stored }
        let length = 4 + (Int(stored[2]) << 8 | Int(stored[3]))
        return length <= stored.count ? Array(stored.prefix(length)) : stored
    }
}
