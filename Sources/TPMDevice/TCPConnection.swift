import TPM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP connection with send and receive timeouts, for the swtpm command and control channels.
final class TCPConnection {
    let descriptor: Int32
    let address: String

    /// Connects to `host`:`port`, trying each address the name resolves to.
    init(host: String, port: Int, timeoutSeconds: Int) throws {
        address = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw TPMError.transport(device: "\(host):\(port)", reason: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        var lastError = "no address"
        while let info = cursor {
            let candidate = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if candidate >= 0 {
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                _ = setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                _ = setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(candidate, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    descriptor = candidate
                    return
                }
                lastError = Self.errorText()
                close(candidate)
            } else {
                lastError = Self.errorText()
            }
            cursor = info.pointee.ai_next
        }
        throw TPMError.transport(device: "\(host):\(port)", reason: "cannot connect: \(lastError); is swtpm running?")
    }

    deinit { close(descriptor) }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(descriptor, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            guard count > 0 else { throw TPMError.transport(device: address, reason: "send failed: \(Self.errorText())") }
            sent += count
        }
    }

    /// Receives exactly `count` bytes.
    func receive(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let got = bytes[received...].withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress, buffer.count, 0)
            }
            guard got > 0 else {
                let reason = got == 0 ? "the connection was closed" : Self.errorText()
                throw TPMError.transport(device: address, reason: "receive failed after \(received) of \(count) bytes: \(reason)")
            }
            received += got
        }
        return bytes
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
