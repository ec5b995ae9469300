public import TPM
import AttestationCore

extension TPMClient {
    /// A key loaded in the TPM: its handle, public area and name.
    public struct LoadedKey: Sendable, Hashable {
        /// The transient handle (flush it when done).
        public let handle: TPMHandle
        /// The public area the TPM returned.
        public let publicArea: TPMTPublic
        /// The TPM name.
        public let name: [UInt8]
    }

    /// A key created under a parent, ready to load.
    public struct CreatedKey: Sendable, Hashable {
        /// TPM2B_PRIVATE contents: the parent-wrapped sensitive area.
        public let privateArea: [UInt8]
        /// The public area.
        public let publicArea: TPMTPublic
    }

    /// The empty TPM2B_SENSITIVE_CREATE (no auth value, no data): size 4, userAuth size 0, data size 0.
    static let emptySensitiveCreate: [UInt8] = [0, 4, 0, 0, 0, 0]

    /// The parameters of TPM2_CreatePrimary and TPM2_Create: inSensitive (empty), inPublic (`template`),
    /// outsideInfo (empty), creationPCR (none).
    static func creationParameters(_ template: TPMTPublic) -> [UInt8] {
        var parameters = TPMWriter()
        parameters.write(bytes: emptySensitiveCreate)
        parameters.writeTPM2B(template.bytes)
        parameters.writeTPM2B([UInt8]())
        PCRSelectionList([]).write(to: &parameters)
        return parameters.bytes
    }

    /// TPM2_CreatePrimary under `hierarchy` (owner or endorsement, empty password) from `template`.
    public func createPrimary(_ hierarchy: TPMHandle, template: TPMTPublic) throws -> LoadedKey {
        let response = try execute(
            TPMCommand(
                code: .createPrimary, handles: [hierarchy], authorizations: [.password([])],
                parameters: Self.creationParameters(template)),
            handleCount: 1)
        var reader = ByteReader(response.parameters)
        return try TPMError.parsing("TPM2_CreatePrimary response") {
            let area = try TPMTPublic(parsingSized: try Self.sized(&reader, field: "outPublic"))
            _ = try reader.readTPM2B(limit: TPMResponse.maxBytes, field: "creationData")
            _ = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "creationHash")
            try Self.skipTicket(&reader, field: "creationTicket")
            let name = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "name")
            try reader.expectEnd(of: "TPM2_CreatePrimary response")
            return LoadedKey(handle: response.handles[0], publicArea: area, name: name)
        }
    }

    /// TPM2_Create under the loaded `parent` (empty password) from `template`.
    public func create(parent: TPMHandle, template: TPMTPublic) throws -> CreatedKey {
        let response = try execute(
            TPMCommand(
                code: .create, handles: [parent], authorizations: [.password([])], parameters: Self.creationParameters(template)))
        var reader = ByteReader(response.parameters)
        return try TPMError.parsing("TPM2_Create response") {
            let privateArea = try reader.readTPM2B(limit: TPMResponse.maxBytes, field: "outPrivate")
            let area = try TPMTPublic(parsingSized: try Self.sized(&reader, field: "outPublic"))
            _ = try reader.readTPM2B(limit: TPMResponse.maxBytes, field: "creationData")
            _ = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "creationHash")
            try Self.skipTicket(&reader, field: "creationTicket")
            try reader.expectEnd(of: "TPM2_Create response")
            return CreatedKey(privateArea: privateArea, publicArea: area)
        }
    }

    /// TPM2_Load of `key` under the loaded `parent` (empty password).
    public func load(_ key: CreatedKey, parent: TPMHandle) throws -> LoadedKey {
        var parameters = TPMWriter()
        parameters.writeTPM2B(key.privateArea)
        parameters.writeTPM2B(key.publicArea.bytes)
        let response = try execute(
            TPMCommand(code: .load, handles: [parent], authorizations: [.password([])], parameters: parameters.bytes),
            handleCount: 1)
        var reader = ByteReader(response.parameters)
        let name = try TPMError.parsing("TPM2_Load response") {
            let name = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "name")
            try reader.expectEnd(of: "TPM2_Load response")
            return name
        }
        return LoadedKey(handle: response.handles[0], publicArea: key.publicArea, name: name)
    }

    /// TPM2_ReadPublic of a loaded or persistent object.
    public func readPublic(_ handle: TPMHandle) throws -> LoadedKey {
        let response = try execute(TPMCommand(code: .readPublic, handles: [handle]))
        var reader = ByteReader(response.parameters)
        return try TPMError.parsing("TPM2_ReadPublic response") {
            let area = try TPMTPublic(parsingSized: try Self.sized(&reader, field: "outPublic"))
            let name = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "name")
            _ = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "qualifiedName")
            try reader.expectEnd(of: "TPM2_ReadPublic response")
            return LoadedKey(handle: handle, publicArea: area, name: name)
        }
    }

    /// A TPM2B read whole with its size prefix (for TPM2B_PUBLIC).
    static func sized(_ reader: inout ByteReader, field: String) throws -> [UInt8] {
        let content = try reader.readTPM2B(limit: TPMTPublic.maxBytes, field: field)
        return [UInt8(content.count >> 8), UInt8(content.count & 0xff)] + content
    }

    /// Skips a TPMT_TK_CREATION / TPMT_TK_AUTH: tag (UINT16), hierarchy (UINT32), digest (TPM2B).
    static func skipTicket(_ reader: inout ByteReader, field: String) throws {
        _ = try reader.readBigEndian(UInt16.self, field: "\(field).tag")
        _ = try reader.readBigEndian(UInt32.self, field: "\(field).hierarchy")
        _ = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "\(field).digest")
    }
}
