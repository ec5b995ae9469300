import TPM
/// A channel that carries marshalled TPM commands and responses (a TPM device file or a swtpm socket).
public protocol TPMTransport: AnyObject {
    /// The device or address, for messages.
    var device: String { get }
    /// Sends one command and returns the whole response (at most ``TPMResponse/maxBytes``).
    func transmit(_ command: [UInt8]) throws -> [UInt8]
    /// Brings the TPM to the powered-on state if the transport can (swtpm's control channel); false otherwise.
    func powerOn() throws -> Bool
}
