import TPM
import AttestationCore

/// The swtpm TCP server: raw TPM commands on the server port, and the control channel (port + 1 by the tpm2-tss
/// `swtpm` TCTI convention) for power-on.
public final class SwtpmTransport: TPMTransport {
    /// swtpm control command CMD_INIT: initialise (power on) the TPM.
    static let commandInit: UInt32 = 0x0000_0002
    /// Seconds to wait for swtpm before giving up.
    static let timeoutSeconds = 30

    public let device: String
    let host: String
    let controlPort: Int
    let connection: TCPConnection

    /// Connects to swtpm's command port; the control port defaults to the next one.
    public init(host: String, port: Int, controlPort: Int? = nil) throws {
        self.host = host
        self.controlPort = controlPort ?? port + 1
        device = "swtpm:host=\(host),port=\(port)"
        connection = try TCPConnection(host: host, port: port, timeoutSeconds: Self.timeoutSeconds)
    }

    public func transmit(_ command: [UInt8]) throws -> [UInt8] {
        try connection.send(command)
        let header = try connection.receive(10)
        let size = Int(header[2]) << 24 | Int(header[3]) << 16 | Int(header[4]) << 8 | Int(header[5])
        guard size >= 10, size <= TPMResponse.maxBytes else {
            throw TPMError.transport(device: device, reason: "response size \(size) is outside 10…\(TPMResponse.maxBytes)")
        }
        return header + (try connection.receive(size - 10))
    }

    /// Sends CMD_INIT on the control channel (`swtpm socket` without `--flags not-need-init` needs it before the
    /// first command).
    public func powerOn() throws -> Bool {
        let control = try TCPConnection(host: host, port: controlPort, timeoutSeconds: Self.timeoutSeconds)
        var writer = TPMWriter()
        writer.write(Self.commandInit)
        writer.write(UInt32(0))
        try control.send(writer.bytes)
        let result = try control.receive(4)
        guard result == [0, 0, 0, 0] else {
            throw TPMError.transport(
                device: "swtpm control \(host):\(controlPort)", reason: "CMD_INIT failed with result 0x\(Hex.encode(result))")
        }
        return true
    }
}
