public import AttestationCore

/// Why TPM evidence, an event log, a credential or a TPM command could not be produced or evaluated.
///
/// Thrown, never a verdict: a bad signature or a PCR mismatch is a ``Verdict`` failure instead.
public enum TPMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A TPM structure is malformed: truncated, a size above its bound, trailing bytes.
    case malformed(structure: String, AttestationCoreError)
    /// A field holds a value its structure does not allow (an unknown selector, a boolean that is not 0 or 1, …).
    case invalidField(structure: String, field: String, value: String)
    /// The algorithm is valid TPM vocabulary but Assay does not implement it for this purpose.
    case unsupportedAlgorithm(field: String, algorithm: TPMAlgorithmID)
    /// The TCG event log is malformed at byte `offset`.
    case malformedEventLog(offset: Int, reason: String)
    /// A protobuf message (go-tpm-tools `Attestation`) is malformed.
    case malformedProtobuf(message: String, reason: String)
    /// A go-attestation JSON dump lacks a member or has one of the wrong type.
    case malformedDump(reason: String)
    /// The evidence lacks a part that verification needs.
    case missingPart(String, hint: String)
    /// The PCR values given do not fit the quote they belong to.
    case invalidPCRValues(reason: String)
    /// A certificate (EK, AK, intermediate or anchor) cannot be parsed.
    case invalidCertificate(role: String, reason: String)
    /// The public key is not one a TPM attestation or credential can use here.
    case unsupportedKey(String)
    /// A credential challenge or response is not well formed.
    case invalidCredential(String)
    /// The TPM device string is not `swtpm:host=H,port=N` or a device path.
    case invalidDeviceAddress(String)
    /// Talking to the TPM failed below the TPM protocol (socket, device file).
    case transport(device: String, reason: String)
    /// The TPM answered a command with an error response code.
    case commandFailed(command: String, responseCode: UInt32)

    public var description: String {
        switch self {
        case .malformed(let structure, let error):
            return "malformed \(structure): \(error)"
        case .invalidField(let structure, let field, let value):
            return "\(structure): \(field) = \(value) is not allowed"
        case .unsupportedAlgorithm(let field, let algorithm):
            return "\(field): algorithm \(algorithm) is not supported here"
        case .malformedEventLog(let offset, let reason):
            return "malformed TCG event log at byte \(offset): \(reason)"
        case .malformedProtobuf(let message, let reason):
            return "malformed \(message) protobuf: \(reason)"
        case .malformedDump(let reason):
            return "malformed go-attestation JSON dump: \(reason)"
        case .missingPart(let part, let hint):
            return "TPM evidence lacks the \(part); \(hint)"
        case .invalidPCRValues(let reason):
            return "PCR values do not fit the quote: \(reason)"
        case .invalidCertificate(let role, let reason):
            return "the \(role) is not a usable X.509 certificate: \(reason)"
        case .unsupportedKey(let reason):
            return "unsupported TPM key: \(reason)"
        case .invalidCredential(let reason):
            return "invalid credential activation data: \(reason)"
        case .invalidDeviceAddress(let text):
            return "'\(text)' is not a TPM address; use swtpm:host=127.0.0.1,port=2321 or a device such as /dev/tpmrm0"
        case .transport(let device, let reason):
            return "cannot talk to the TPM at \(device): \(reason)"
        case .commandFailed(let command, let code):
            return "\(command) failed with TPM response code \(TPMResponseCode(rawValue: code))"
        }
    }

    /// Throws ``malformed(structure:_:)`` when `bytes` is longer than `limit`, before anything is parsed.
    static func checkSize(_ bytes: [UInt8], limit: Int, structure: String) throws {
        guard bytes.count <= limit else {
            throw TPMError.malformed(
                structure: structure, .boundExceeded(field: "\(structure) size", value: bytes.count, limit: limit))
        }
    }

    /// Runs `body`, turning a bounds failure of `ByteReader` into ``malformed(structure:_:)`` for `structure`.
    public static func parsing<T>(_ structure: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AttestationCoreError {
            throw TPMError.malformed(structure: structure, error)
        }
    }
}
