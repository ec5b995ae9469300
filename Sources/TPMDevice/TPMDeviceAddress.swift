import TPM
/// Where a TPM is: a swtpm TCP server (`swtpm:host=127.0.0.1,port=2321`, the tpm2-tss TCTI syntax) or a
/// device file (`/dev/tpmrm0`).
public enum TPMDeviceAddress: Sendable, Hashable, CustomStringConvertible {
    /// swtpm's command port; its control port is `port + 1`.
    case swtpm(host: String, port: Int)
    /// A TPM character device.
    case device(path: String)

    /// Parses `swtpm:host=H,port=N` (host defaults to 127.0.0.1, port to 2321) or an absolute device path.
    public init(parsing text: String) throws {
        if text.hasPrefix("/") {
            self = .device(path: text)
            return
        }
        guard text == "swtpm" || text.hasPrefix("swtpm:") else { throw TPMError.invalidDeviceAddress(text) }
        var host = "127.0.0.1"
        var port = 2321
        for option in text.dropFirst("swtpm".count).drop(while: { $0 == ":" }).split(separator: ",") {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw TPMError.invalidDeviceAddress(text) }
            switch parts[0] {
            case "host": host = parts[1]
            case "port":
                guard let value = Int(parts[1]), value > 0, value < 65535 else { throw TPMError.invalidDeviceAddress(text) }
                port = value
            default: throw TPMError.invalidDeviceAddress(text)
            }
        }
        self = .swtpm(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .swtpm(let host, let port): return "swtpm:host=\(host),port=\(port)"
        case .device(let path): return path
        }
    }

    /// Opens a transport to this TPM.
    public func open() throws -> any TPMTransport {
        switch self {
        case .swtpm(let host, let port): return try SwtpmTransport(host: host, port: port)
        case .device(let path): return try TPMDeviceFile(path: path)
        }
    }
}
