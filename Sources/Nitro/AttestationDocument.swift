public import CBOR
public import Foundation

/// An AWS Nitro Enclaves attestation document: the payload of the NSM's COSE_Sign1 (AWS's "Verifying the root of
/// trust"), a CBOR map. Optional fields may be absent or CBOR null (AWS's own producer writes null).
public struct AttestationDocument: Sendable, Hashable {
    /// Most PCRs a document may carry.
    public static let maxPCRs = 32
    /// PCR value lengths the NSM produces (SHA-256, SHA-384, SHA-512).
    public static let pcrLengths: Set<Int> = [32, 48, 64]
    /// Most certificates in the CA bundle.
    public static let maxBundleCertificates = 16
    /// Largest DER certificate accepted.
    public static let maxCertificateBytes = 4096
    /// Largest user_data and nonce (AWS: 512 bytes each).
    public static let maxUserDataBytes = 512
    /// Largest public_key (AWS: 1024 bytes).
    public static let maxPublicKeyBytes = 1024
    /// Longest module_id.
    public static let maxModuleIDBytes = 256

    /// module_id: the enclave's identifier.
    public let moduleID: String
    /// digest: the PCR hash function (`SHA384` from the NSM).
    public let digest: String
    /// timestamp: milliseconds since the Unix epoch when the document was made.
    public let timestamp: UInt64
    /// pcrs: index → value.
    public let pcrs: [Int: [UInt8]]
    /// certificate: the DER certificate of the key that signed the document.
    public let certificate: [UInt8]
    /// cabundle: DER certificates, root first, ending with the leaf's issuer.
    public let caBundle: [[UInt8]]
    /// public_key: a key the enclave chose, if any.
    public let publicKey: [UInt8]?
    /// user_data: data the enclave chose, if any (Assay: SHA-512 of the runtime data).
    public let userData: [UInt8]?
    /// nonce: the challenge nonce, if the enclave set one.
    public let nonce: [UInt8]?

    /// The document's time.
    public var date: Date { Date(timeIntervalSince1970: Double(timestamp) / 1000) }
    /// Whether the enclave runs in debug mode (AWS: PCR0 is all zero then).
    public var isDebug: Bool { pcrs[0].map { $0.allSatisfy { $0 == 0 } } ?? false }

    /// Reads the payload map.
    public init(payload: [UInt8]) throws {
        let map = try NitroError.cbor { try CBORReader.decode(payload) }
        guard map.mapValue != nil else { throw NitroError.malformedDocument("the payload is not a CBOR map") }
        func required(_ key: String) throws -> CBORValue {
            guard let value = map[key], !value.isNull else { throw NitroError.invalidField(field: key, reason: "missing") }
            return value
        }
        func bytes(_ key: String, limit: Int, optional: Bool) throws -> [UInt8]? {
            guard let value = map[key], !value.isNull else {
                if optional { return nil }
                throw NitroError.invalidField(field: key, reason: "missing")
            }
            guard let bytes = value.bytesValue else { throw NitroError.invalidField(field: key, reason: "not a byte string") }
            guard bytes.count <= limit else {
                throw NitroError.invalidField(field: key, reason: "\(bytes.count) bytes, above the limit of \(limit)")
            }
            return bytes
        }
        guard let moduleID = try required("module_id").textValue, !moduleID.isEmpty,
            moduleID.utf8.count <= Self.maxModuleIDBytes
        else { throw NitroError.invalidField(field: "module_id", reason: "not a non-empty text of at most \(Self.maxModuleIDBytes) bytes") }
        guard let digest = try required("digest").textValue, ["SHA256", "SHA384", "SHA512"].contains(digest) else {
            throw NitroError.invalidField(field: "digest", reason: "not SHA256, SHA384 or SHA512")
        }
        guard case .unsigned(let timestamp) = try required("timestamp"), timestamp > 0 else {
            throw NitroError.invalidField(field: "timestamp", reason: "not a positive integer of milliseconds")
        }
        guard let pcrEntries = try required("pcrs").mapValue, (1...Self.maxPCRs).contains(pcrEntries.count) else {
            throw NitroError.invalidField(field: "pcrs", reason: "not a map of 1 to \(Self.maxPCRs) entries")
        }
        var pcrs: [Int: [UInt8]] = [:]
        for entry in pcrEntries {
            guard case .unsigned(let index) = entry.key, index < UInt64(Self.maxPCRs), let value = entry.value.bytesValue,
                Self.pcrLengths.contains(value.count)
            else {
                throw NitroError.invalidField(field: "pcrs", reason: "each entry is an index below \(Self.maxPCRs) and 32, 48 or 64 bytes")
            }
            pcrs[Int(index)] = value
        }
        guard let bundle = try required("cabundle").arrayValue, (1...Self.maxBundleCertificates).contains(bundle.count) else {
            throw NitroError.invalidField(field: "cabundle", reason: "not an array of 1 to \(Self.maxBundleCertificates) certificates")
        }
        caBundle = try bundle.map { item in
            guard let der = item.bytesValue, (1...Self.maxCertificateBytes).contains(der.count) else {
                throw NitroError.invalidField(field: "cabundle", reason: "each certificate is 1 to \(Self.maxCertificateBytes) bytes of DER")
            }
            return der
        }
        self.moduleID = moduleID
        self.digest = digest
        self.timestamp = timestamp
        self.pcrs = pcrs
        certificate = try bytes("certificate", limit: Self.maxCertificateBytes, optional: false) ?? []
        publicKey = try bytes("public_key", limit: Self.maxPublicKeyBytes, optional: true)
        userData = try bytes("user_data", limit: Self.maxUserDataBytes, optional: true)
        nonce = try bytes("nonce", limit: Self.maxUserDataBytes, optional: true)
    }
}
