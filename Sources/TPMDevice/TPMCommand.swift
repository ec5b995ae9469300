import TPM
import AttestationCore

/// One TPM command (TPM 2.0 Part 1, §18): header, handles, the authorization area when a handle needs one, and
/// the marshalled parameters.
struct TPMCommand {
    /// TPM_ST_NO_SESSIONS.
    static let noSessions: UInt16 = 0x8001
    /// TPM_ST_SESSIONS.
    static let sessions: UInt16 = 0x8002

    /// An authorization for one handle.
    enum Authorization {
        /// A password (TPM_RS_PW) with this auth value (empty for the well-known empty password).
        case password([UInt8])
        /// A policy session whose policy digest matches the object's authPolicy; without PolicyAuthValue or
        /// PolicyPassword the TPM checks no HMAC, so the HMAC field is empty.
        case policy(TPMHandle, nonceCaller: [UInt8])
    }

    let code: TPMCommandCode
    var handles: [TPMHandle] = []
    var authorizations: [Authorization] = []
    var parameters: [UInt8] = []

    /// The marshalled command.
    var bytes: [UInt8] {
        var body = TPMWriter()
        for handle in handles { body.write(handle.rawValue) }
        if !authorizations.isEmpty {
            var area = TPMWriter()
            for authorization in authorizations {
                switch authorization {
                case .password(let value):
                    area.write(TPMHandle.passwordSession.rawValue)
                    area.writeTPM2B([UInt8]())
                    area.write(UInt8(0))
                    area.writeTPM2B(value)
                case .policy(let session, let nonce):
                    area.write(session.rawValue)
                    area.writeTPM2B(nonce)
                    area.write(UInt8(0))
                    area.writeTPM2B([UInt8]())
                }
            }
            body.write(UInt32(area.bytes.count))
            body.write(bytes: area.bytes)
        }
        body.write(bytes: parameters)
        var writer = TPMWriter()
        writer.write(authorizations.isEmpty ? Self.noSessions : Self.sessions)
        writer.write(UInt32(10 + body.bytes.count))
        writer.write(code.rawValue)
        writer.write(bytes: body.bytes)
        return writer.bytes
    }
}

/// A successful TPM response, split into its handles and parameters (the authorization area is checked for
/// bounds and dropped: password and policy sessions carry no response HMAC to verify).
struct TPMResponse {
    /// Largest response accepted (`MAX_RESPONSE_SIZE`, the Linux driver's `TPM_BUFSIZE`).
    static let maxBytes = 4096

    let handles: [TPMHandle]
    let parameters: [UInt8]

    /// Parses `bytes` as the response to `command`, which returns `handleCount` handles; throws
    /// ``TPMError/commandFailed(command:responseCode:)`` for an error response.
    init(parsing bytes: [UInt8], command: TPMCommand, handleCount: Int) throws {
        let structure = "\(command.code) response"
        var reader = ByteReader(bytes)
        (handles, parameters) = try TPMError.parsing(structure) {
            let tag = try reader.readBigEndian(UInt16.self, field: "tag")
            let size = try reader.readBigEndian(UInt32.self, field: "responseSize")
            guard size == bytes.count else {
                throw TPMError.invalidField(structure: structure, field: "responseSize", value: "\(size) for \(bytes.count) bytes")
            }
            let code = try reader.readBigEndian(UInt32.self, field: "responseCode")
            guard code == TPMResponseCode.success.rawValue else {
                throw TPMError.commandFailed(command: "\(command.code)", responseCode: code)
            }
            var handles: [TPMHandle] = []
            for index in 0..<handleCount {
                handles.append(TPMHandle(rawValue: try reader.readBigEndian(UInt32.self, field: "handle[\(index)]")))
            }
            switch tag {
            case TPMCommand.noSessions:
                return (handles, try reader.readArray(reader.remaining, field: "parameters"))
            case TPMCommand.sessions:
                let parameterSize = try ByteReader.bounded(
                    try reader.readBigEndian(UInt32.self, field: "parameterSize"), limit: reader.remaining,
                    field: "parameterSize")
                let parameters = try reader.readArray(parameterSize, field: "parameters")
                for index in command.authorizations.indices {
                    _ = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "auth[\(index)].nonce")
                    _ = try reader.readBigEndian(UInt8.self, field: "auth[\(index)].sessionAttributes")
                    _ = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "auth[\(index)].hmac")
                }
                try reader.expectEnd(of: structure)
                return (handles, parameters)
            default:
                throw TPMError.invalidField(structure: structure, field: "tag", value: "0x" + String(tag, radix: 16))
            }
        }
    }
}
