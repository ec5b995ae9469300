import TPM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Linux TPM character device: `/dev/tpmrm0` (with the kernel's resource manager) or `/dev/tpm0`.
public final class TPMDeviceFile: TPMTransport {
    public let device: String
    let descriptor: Int32

    /// Opens the device for reading and writing.
    public init(path: String) throws {
        device = path
        descriptor = open(path, O_RDWR)
        guard descriptor >= 0 else {
            throw TPMError.transport(
                device: path, reason: "cannot open: \(String(cString: strerror(errno))) (is there a TPM, and may this user use it?)")
        }
    }

    deinit { close(descriptor) }

    public func transmit(_ command: [UInt8]) throws -> [UInt8] {
        let written = command.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == command.count else {
            throw TPMError.transport(device: device, reason: "write failed: \(String(cString: strerror(errno)))")
        }
        var response = [UInt8](repeating: 0, count: TPMResponse.maxBytes)
        let count = response.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 10 else {
            throw TPMError.transport(device: device, reason: "read failed: \(count < 0 ? String(cString: strerror(errno)) : "short response")")
        }
        return Array(response.prefix(count))
    }

    /// A kernel TPM device is always powered on.
    public func powerOn() throws -> Bool { false }
}
