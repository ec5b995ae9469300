import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Nitro Secure Module driver's character device (`/dev/nsm`, in-tree since Linux 6.8, and AWS's out-of-tree
/// driver before): one raw request/response ioctl.
///
/// Layout (include/uapi/linux/nsm.h): `NSM_IOCTL_RAW = _IOWR(0x0A, 0, struct nsm_raw)`, where `struct nsm_raw` is
/// `{struct nsm_iovec request; struct nsm_iovec response;}` and `struct nsm_iovec` is `{__u64 addr; __u64 len;}`
/// (the same 32 bytes as AWS's `struct { struct iovec request; struct iovec response; }` on 64-bit Linux). The
/// driver writes the response's length back into `response.len`.
public struct NSMDevice: NSMTransport {
    /// Where the device usually is.
    public static let defaultPath = "/dev/nsm"
    /// `_IOWR(NSM_MAGIC = 0x0A, 0, struct nsm_raw)`: direction 3, size 32, type 0x0A, number 0.
    static let rawRequest: UInt = 0xC020_0A00
    /// `NSM_REQUEST_MAX_SIZE`: the largest request the driver accepts.
    public static let maxRequestBytes = 0x1000
    /// `NSM_RESPONSE_MAX_SIZE`: the largest response the driver returns.
    public static let maxResponseBytes = 0x3000

    /// The device path.
    public let path: String

    public init(path: String = NSMDevice.defaultPath) {
        self.path = path
    }

    public var isAvailable: Bool { FileManager.default.fileExists(atPath: path) }

    public func exchange(_ request: [UInt8], capacity: Int) throws -> [UInt8] {
        guard request.count <= Self.maxRequestBytes else {
            throw AttesterError.valueTooLong(field: "NSM request", count: request.count, limit: Self.maxRequestBytes)
        }
        guard isAvailable else {
            throw AttesterError.interfaceUnavailable("\(path) does not exist (not inside a Nitro enclave, or no nsm driver)")
        }
        let descriptor = open(path, O_RDWR)
        guard descriptor >= 0 else {
            throw AttesterError.interfaceFailed(path: path, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var request = request
        var response = [UInt8](repeating: 0, count: min(max(capacity, 0), Self.maxResponseBytes))
        let (result, errorNumber, length) = request.withUnsafeMutableBytes { requestBytes in
            response.withUnsafeMutableBytes { responseBytes in
                var message = Self.message(
                    request: UInt64(UInt(bitPattern: requestBytes.baseAddress)), requestLength: requestBytes.count,
                    response: UInt64(UInt(bitPattern: responseBytes.baseAddress)), responseLength: responseBytes.count)
                let result = message.withUnsafeMutableBytes { argument -> Int32 in
                    guard let base = argument.baseAddress else { return -1 }
                    return ioctl(descriptor, Self.rawRequest, base)
                }
                return (result, result == 0 ? 0 : errno, Self.uint64(message, at: 24))
            }
        }
        guard result == 0 else {
            let hint = errorNumber == ENOTTY ? "; \(path) is not the Nitro Secure Module, run inside a Nitro enclave" : ""
            throw AttesterError.interfaceFailed(
                path: path, reason: "NSM_IOCTL_RAW failed: \(String(cString: strerror(errorNumber)))\(hint)")
        }
        guard length <= UInt64(response.count) else {
            throw AttesterError.malformedResponse(
                path: path, reason: "the driver reports \(length) response bytes in a \(response.count)-byte buffer")
        }
        return Array(response.prefix(Int(length)))
    }

    /// `struct nsm_raw`: request address and length, response address and capacity (native little-endian).
    static func message(request: UInt64, requestLength: Int, response: UInt64, responseLength: Int) -> [UInt8] {
        littleEndian(request) + littleEndian(UInt64(requestLength)) + littleEndian(response)
            + littleEndian(UInt64(responseLength))
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
