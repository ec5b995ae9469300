public import TPM
import AttestationCore

extension TPMClient {
    /// TPMA_NV_OWNERWRITE, TPMA_NV_AUTHWRITE: who may write an NV index.
    static let nvOwnerWrite: UInt32 = 1 << 1
    static let nvAuthWrite: UInt32 = 1 << 2
    /// The attributes of an ordinary index the owner defines (as `tpm2_nvdefine -C o` does): owner and auth may
    /// read and write it.
    public static let ownerIndexAttributes: UInt32 = nvOwnerWrite | nvAuthWrite | nvOwnerRead | nvAuthRead
    /// Largest write in one TPM2_NV_Write when the TPM does not report TPM_PT_NV_BUFFER_MAX.
    static let defaultNVWriteChunk = 512

    /// TPM2_NV_DefineSpace by the owner (empty password): an ordinary index of `size` bytes, SHA-256 name, no
    /// auth value or policy.
    public func defineNV(_ index: UInt32, size: Int, attributes: UInt32 = TPMClient.ownerIndexAttributes) throws {
        guard size > 0, size <= Self.maxNVBytes else {
            throw TPMError.invalidField(structure: "TPM2_NV_DefineSpace", field: "dataSize", value: "\(size) (1…\(Self.maxNVBytes))")
        }
        var area = TPMWriter()
        area.write(index)
        area.write(TPMAlgorithmID.sha256)
        area.write(attributes)
        area.writeTPM2B([UInt8]())
        area.write(UInt16(size))
        var parameters = TPMWriter()
        parameters.writeTPM2B([UInt8]())
        parameters.writeTPM2B(area.bytes)
        _ = try execute(
            TPMCommand(code: .nvDefineSpace, handles: [.owner], authorizations: [.password([])], parameters: parameters.bytes))
    }

    /// Whether NV index `index` is defined.
    public func isNVDefined(_ index: UInt32) throws -> Bool {
        do {
            _ = try execute(TPMCommand(code: .nvReadPublic, handles: [TPMHandle(rawValue: index)]))
            return true
        } catch TPMError.commandFailed(_, let code) where TPMResponseCode(rawValue: code).formatOneError == .handle {
            return false
        }
    }

    /// TPM2_NV_Write of `data` at offset 0, in chunks, authorized by the owner (empty password).
    public func writeNV(_ index: UInt32, _ data: [UInt8]) throws {
        let handle = TPMHandle(rawValue: index)
        let reported = try? properties(TPMProperty.nvBufferMax, count: 1).first { $0.0 == TPMProperty.nvBufferMax }?.1
        let chunk = max(reported.map(Int.init) ?? Self.defaultNVWriteChunk, 1)
        var offset = 0
        repeat {
            let part = data[offset..<min(offset + chunk, data.count)]
            var parameters = TPMWriter()
            parameters.writeTPM2B(Array(part))
            parameters.write(UInt16(offset))
            _ = try execute(
                TPMCommand(code: .nvWrite, handles: [.owner, handle], authorizations: [.password([])], parameters: parameters.bytes))
            offset += part.count
        } while offset < data.count
    }

    /// TPM2_EvictControl by the owner: makes the loaded object `handle` persistent at `persistent`.
    public func persist(_ handle: TPMHandle, at persistent: TPMHandle) throws {
        var parameters = TPMWriter()
        parameters.write(persistent.rawValue)
        _ = try execute(
            TPMCommand(code: .evictControl, handles: [.owner, handle], authorizations: [.password([])], parameters: parameters.bytes))
    }
}
