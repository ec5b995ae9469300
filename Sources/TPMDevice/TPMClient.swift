import TPM
import AttestationCore

/// A TPM 2.0 command client: marshals commands, sends them over a ``TPMTransport`` and unmarshals the
/// responses with every size bounded. Not thread-safe: one client per task.
public final class TPMClient {
    /// Bound on the handles read from one TPM2_GetCapability.
    static let maxHandles = 64

    /// The channel to the TPM.
    public let transport: any TPMTransport

    public init(transport: any TPMTransport) {
        self.transport = transport
    }

    /// Connects to the TPM at `address` and makes sure it has started (powering swtpm on when it must).
    public static func connect(_ address: TPMDeviceAddress) throws -> TPMClient {
        let client = TPMClient(transport: try address.open())
        try client.startup()
        return client
    }

    /// Bound on resending a command the TPM asked to retry (TPM_RC_RETRY, TPM_RC_YIELDED, TPM_RC_TESTING).
    static let maxRetries = 8

    /// Sends `command` and returns its response; throws for transport failures and TPM error codes. Commands the
    /// TPM did not start (it answered with a retry warning) are resent.
    func execute(_ command: TPMCommand, handleCount: Int = 0) throws -> TPMResponse {
        for _ in 0..<Self.maxRetries {
            do {
                return try TPMResponse(parsing: try transport.transmit(command.bytes), command: command, handleCount: handleCount)
            } catch TPMError.commandFailed(_, let code) where TPMResponseCode(rawValue: code).asksForRetry {
                continue
            }
        }
        return try TPMResponse(parsing: try transport.transmit(command.bytes), command: command, handleCount: handleCount)
    }

    /// Makes sure the TPM has run TPM2_Startup(CLEAR): probes it, runs Startup if the probe fails because the TPM
    /// is not started (TPM_RC_INITIALIZE) or not powered (TPM_RC_FAILURE), and powers swtpm on through its control
    /// channel first if Startup fails the same way. A started TPM is left as it is (its PCRs keep their values).
    public func startup() throws {
        do {
            _ = try properties(TPMProperty.nvBufferMax, count: 1)
            return
        } catch TPMError.commandFailed(_, let code) where TPMResponseCode(rawValue: code).meansNotStarted {}
        let startup = TPMCommand(code: .startup, parameters: [0, 0])
        do {
            _ = try execute(startup)
        } catch TPMError.commandFailed(_, let code) where TPMResponseCode(rawValue: code).meansNotStarted {
            guard try transport.powerOn() else { throw TPMError.commandFailed(command: "\(startup.code)", responseCode: code) }
            do { _ = try execute(startup) } catch TPMError.commandFailed(_, TPMResponseCode.initialize.rawValue) {}
        }
    }

    /// TPM_PT properties read with TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES).
    enum TPMProperty {
        /// TPM_PT_NV_BUFFER_MAX: the largest NV read or write.
        static let nvBufferMax: UInt32 = 0x12C
    }

    /// TPM2_GetCapability of `capability` from `property`: a reader positioned at the capability data's list
    /// count (moreData and the capability echo are skipped).
    func capability(_ capability: UInt32, from property: UInt32, count: UInt32) throws -> ByteReader {
        var parameters = TPMWriter()
        parameters.write(capability)
        parameters.write(property)
        parameters.write(count)
        let response = try execute(TPMCommand(code: .getCapability, parameters: parameters.bytes))
        var reader = ByteReader(response.parameters)
        try TPMError.parsing("TPM2_GetCapability response") {
            _ = try reader.readBigEndian(UInt8.self, field: "moreData")
            _ = try reader.readBigEndian(UInt32.self, field: "capability")
        }
        return reader
    }

    /// TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES) from `first`: (property, value) pairs.
    func properties(_ first: UInt32, count: UInt32) throws -> [(UInt32, UInt32)] {
        var reader = try capability(6, from: first, count: count)
        return try TPMError.parsing("TPM2_GetCapability response") {
            let returned = try ByteReader.bounded(
                try reader.readBigEndian(UInt32.self, field: "TPML_TAGGED_TPM_PROPERTY.count"), limit: Self.maxHandles,
                field: "TPML_TAGGED_TPM_PROPERTY.count")
            return try (0..<returned).map { index in
                (try reader.readBigEndian(UInt32.self, field: "property[\(index)]"),
                 try reader.readBigEndian(UInt32.self, field: "value[\(index)]"))
            }
        }
    }

    /// The loaded transient objects (TPM2_GetCapability(TPM_CAP_HANDLES)).
    public func transientHandles() throws -> [TPMHandle] {
        var reader = try capability(1, from: TPMHandle.firstTransient.rawValue, count: UInt32(Self.maxHandles))
        return try TPMError.parsing("TPM2_GetCapability response") {
            let count = try ByteReader.bounded(
                try reader.readBigEndian(UInt32.self, field: "TPML_HANDLE.count"), limit: Self.maxHandles,
                field: "TPML_HANDLE.count")
            return try (0..<count).map { TPMHandle(rawValue: try reader.readBigEndian(UInt32.self, field: "handle[\($0)]")) }
        }
    }

    /// TPM2_FlushContext: unloads an object or ends a session.
    public func flush(_ handle: TPMHandle) throws {
        var parameters = TPMWriter()
        parameters.write(handle.rawValue)
        _ = try execute(TPMCommand(code: .flushContext, parameters: parameters.bytes))
    }
}
