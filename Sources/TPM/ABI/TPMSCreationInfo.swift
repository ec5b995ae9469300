public import AttestationCore

/// TPMS_CREATION_INFO: the object a TPM2_CertifyCreation vouches the TPM created (TPM 2.0 Part 2, §10.12.7).
public struct TPMSCreationInfo: Sendable, Hashable {
    /// objectName (TPM2B_NAME): the created object's name.
    public let objectName: [UInt8]
    /// creationHash (TPM2B_DIGEST): the hash of the TPMS_CREATION_DATA returned when the object was created.
    public let creationHash: [UInt8]

    public init(objectName: [UInt8], creationHash: [UInt8]) {
        self.objectName = objectName
        self.creationHash = creationHash
    }

    public init(parsing reader: inout ByteReader) throws {
        objectName = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "TPMS_CREATION_INFO.objectName")
        creationHash = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "TPMS_CREATION_INFO.creationHash")
    }

    /// Marshals the creation body.
    public func write(to writer: inout TPMWriter) {
        writer.writeTPM2B(objectName)
        writer.writeTPM2B(creationHash)
    }
}
