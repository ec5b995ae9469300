public import AttestationCore

/// TPMS_CERTIFY_INFO: the object a TPM2_Certify vouches for (TPM 2.0 Part 2, §10.12.3).
public struct TPMSCertifyInfo: Sendable, Hashable {
    /// name (TPM2B_NAME): the certified object's name.
    public let name: [UInt8]
    /// qualifiedName (TPM2B_NAME): its qualified name.
    public let qualifiedName: [UInt8]

    public init(name: [UInt8], qualifiedName: [UInt8]) {
        self.name = name
        self.qualifiedName = qualifiedName
    }

    public init(parsing reader: inout ByteReader) throws {
        name = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "TPMS_CERTIFY_INFO.name")
        qualifiedName = try reader.readTPM2B(limit: TPMSAttest.maxNameBytes, field: "TPMS_CERTIFY_INFO.qualifiedName")
    }

    /// Marshals the certify body.
    public func write(to writer: inout TPMWriter) {
        writer.writeTPM2B(name)
        writer.writeTPM2B(qualifiedName)
    }
}
