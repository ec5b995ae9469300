public import CBOR

/// Collects AWS Nitro Enclaves evidence inside an enclave: asks the Nitro Secure Module for an attestation
/// document (a COSE_Sign1, which `assay verify --tee nitro` reads as is).
///
/// Request (CBOR, as AWS's nsm-api serialises it): `{"Attestation": {"user_data": bstr / null, "nonce": bstr / null,
/// "public_key": bstr / null}}`. Response: `{"Attestation": {"document": bstr}}`, or `{"Error": text}` with one of
/// the module's error codes.
public struct NitroAttester: Sendable {
    /// Largest user_data the module accepts (AWS: 512 bytes).
    public static let maxUserDataBytes = 512
    /// Largest nonce the module accepts (AWS: 512 bytes).
    public static let maxNonceBytes = 512
    /// Largest public_key the module accepts (AWS: 1024 bytes).
    public static let maxPublicKeyBytes = 1024
    /// Largest response read from the module (the driver's `NSM_RESPONSE_MAX_SIZE`).
    public static let maxResponseBytes = NSMDevice.maxResponseBytes
    /// Largest attestation document accepted: what fits in a response beside its CBOR envelope.
    public static let maxDocumentBytes = maxResponseBytes - 32

    /// The channel to the module.
    public let transport: any NSMTransport

    public init(transport: any NSMTransport = NSMDevice()) {
        self.transport = transport
    }

    /// An attestation document over `userData` (Assay: SHA-512 of the runtime data), with `nonce` and `publicKey`
    /// when given.
    public func attest(userData: [UInt8]?, nonce: [UInt8]? = nil, publicKey: [UInt8]? = nil) throws -> [UInt8] {
        let request = try Self.request(userData: userData, nonce: nonce, publicKey: publicKey)
        guard transport.isAvailable else {
            throw AttesterError.interfaceUnavailable("\(transport.path) does not exist: run inside an AWS Nitro enclave")
        }
        let response = try transport.exchange(request, capacity: Self.maxResponseBytes)
        return try Self.document(fromResponse: response, path: transport.path)
    }

    /// The CBOR request; each field is checked against the module's bound first.
    static func request(userData: [UInt8]?, nonce: [UInt8]?, publicKey: [UInt8]?) throws -> [UInt8] {
        let fields: [(name: String, value: [UInt8]?, limit: Int)] = [
            ("user_data", userData, maxUserDataBytes), ("nonce", nonce, maxNonceBytes), ("public_key", publicKey, maxPublicKeyBytes),
        ]
        var entries: [CBORMapEntry] = []
        for field in fields {
            if let value = field.value, value.count > field.limit {
                throw AttesterError.valueTooLong(field: "Nitro \(field.name)", count: value.count, limit: field.limit)
            }
            entries.append(CBORMapEntry(.text(field.name), field.value.map(CBORValue.bytes) ?? .null))
        }
        return CBORWriter.encode(.map([CBORMapEntry(.text("Attestation"), .map(entries))]))
    }

    /// The document in a response, or the module's error as ``AttesterError/nsmError(code:)``.
    static func document(fromResponse response: [UInt8], path: String) throws -> [UInt8] {
        guard response.count <= maxResponseBytes else {
            throw AttesterError.malformedResponse(
                path: path, reason: "\(response.count) bytes, above the limit of \(maxResponseBytes)")
        }
        let value: CBORValue
        do { value = try CBORReader.decode(response) } catch {
            throw AttesterError.malformedResponse(path: path, reason: "not CBOR (\(error))")
        }
        guard let entries = value.mapValue, entries.count == 1, let entry = entries.first, let variant = entry.key.textValue else {
            throw AttesterError.malformedResponse(path: path, reason: "not a map of one response variant")
        }
        switch variant {
        case "Attestation":
            guard let document = entry.value["document"]?.bytesValue else {
                throw AttesterError.malformedResponse(path: path, reason: "the Attestation response has no document byte string")
            }
            guard !document.isEmpty, document.count <= maxDocumentBytes else {
                throw AttesterError.malformedResponse(
                    path: path, reason: "a \(document.count)-byte document (1 to \(maxDocumentBytes) bytes expected)")
            }
            return document
        case "Error":
            throw AttesterError.nsmError(code: entry.value.textValue ?? "an unreadable error code")
        default:
            throw AttesterError.malformedResponse(path: path, reason: "a '\(variant)' response to an Attestation request")
        }
    }
}
