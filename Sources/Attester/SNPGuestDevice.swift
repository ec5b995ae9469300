import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The SEV-SNP guest driver's character device (`/dev/sev-guest`, Linux 5.19+): SNP_GET_REPORT and
/// SNP_GET_EXT_REPORT ioctls, for kernels without configfs-tsm.
///
/// Request layouts (include/uapi/linux/sev-guest.h, all little-endian):
/// - `snp_report_req` (96 bytes): user_data[64], vmpl u32, reserved[28];
/// - `snp_ext_report_req` (112 bytes): snp_report_req, certs_address u64 at 96, certs_len u32 at 104, padding;
/// - `snp_guest_request_ioctl` (32 bytes): msg_version u8 (1) at 0, req_data u64 at 8, resp_data u64 at 16,
///   exitinfo2 u64 at 24 (fw_error u32, vmm_error u32);
/// - `snp_report_resp` (4000 bytes) holds MSG_REPORT_RSP: status u32, report_size u32, reserved[24], report.
public struct SNPGuestDevice: Sendable {
    /// `_IOWR('S', 0x0, struct snp_guest_request_ioctl)`.
    static let getReport: UInt = 0xC020_5300
    /// `_IOWR('S', 0x2, struct snp_guest_request_ioctl)`.
    static let getExtendedReport: UInt = 0xC020_5302
    /// Size of `snp_report_resp`.
    static let responseSize = 4000
    /// Offset of the report inside MSG_REPORT_RSP.
    static let reportOffset = 0x20
    /// The guest page size the certificate buffer must be a multiple of.
    static let pageSize = 4096
    /// First certificate buffer tried (AMD's chain with a VCEK fits in two pages).
    static let initialCertificateBuffer = 4 * pageSize
    /// `SNP_GUEST_VMM_ERR_INVALID_LEN`: the certificate buffer was too small; certs_len now holds the size needed.
    static let invalidLength: UInt32 = 1

    /// The device path.
    public let path: String

    public init(path: String = "/dev/sev-guest") {
        self.path = path
    }

    /// Whether the device exists here.
    public var isAvailable: Bool { FileManager.default.fileExists(atPath: path) }

    /// Requests a report over `reportData` (64 bytes) at `vmpl`; with `extended`, also the certificate table the
    /// host provides (nil when it provides none).
    public func report(reportData: [UInt8], vmpl: UInt32 = 0, extended: Bool = true) throws
        -> (report: [UInt8], certificates: [UInt8]?)
    {
        guard reportData.count <= 64 else { throw AttesterError.reportDataTooLong(reportData.count, limit: 64) }
        guard isAvailable else {
            throw AttesterError.interfaceUnavailable("\(path) does not exist (not an SEV-SNP guest, or no sev-guest driver)")
        }
        let descriptor = open(path, O_RDWR)
        guard descriptor >= 0 else {
            throw AttesterError.interfaceFailed(path: path, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var response = [UInt8](repeating: 0, count: Self.responseSize)
        var certificates: [UInt8]?
        if extended {
            var length = Self.initialCertificateBuffer
            for attempt in 0..<2 {
                var buffer = [UInt8](repeating: 0, count: length)
                let (status, needed) = try buffer.withUnsafeMutableBytes { certs in
                    try call(
                        descriptor, Self.getExtendedReport,
                        request: Self.extendedRequest(
                            reportData: reportData, vmpl: vmpl, certificates: UInt64(UInt(bitPattern: certs.baseAddress)),
                            length: UInt32(length)),
                        response: &response)
                }
                if status.vmmError == Self.invalidLength, attempt == 0, let needed,
                    needed <= ConfigFSTSM.maxBlob
                {
                    length = (needed + Self.pageSize - 1) / Self.pageSize * Self.pageSize
                    continue
                }
                try status.check(path: path)
                certificates = buffer.allSatisfy { $0 == 0 } ? nil : buffer
                break
            }
        } else {
            try call(descriptor, Self.getReport, request: Self.request(reportData: reportData, vmpl: vmpl), response: &response)
                .status.check(path: path)
        }
        return (try Self.report(fromResponse: response, path: path), certificates)
    }

    /// The outcome of one ioctl.
    struct Status {
        let result: Int32
        let errorNumber: Int32
        let firmwareError: UInt32
        let vmmError: UInt32

        func check(path: String) throws {
            guard result == 0 else {
                throw AttesterError.interfaceFailed(
                    path: path,
                    reason: "ioctl failed: \(String(cString: strerror(errorNumber))) (firmware error 0x\(String(firmwareError, radix: 16)), VMM error 0x\(String(vmmError, radix: 16)))")
            }
        }
    }

    /// Issues one request; returns its status and, for extended requests, the certs_len the kernel wrote back.
    func call(_ descriptor: Int32, _ number: UInt, request: [UInt8], response: inout [UInt8]) throws
        -> (status: Status, neededLength: Int?)
    {
        var request = request
        return request.withUnsafeMutableBytes { requestBytes in
            response.withUnsafeMutableBytes { responseBytes in
                var ioctlArgument = Self.ioctlArgument(
                    request: UInt64(UInt(bitPattern: requestBytes.baseAddress)),
                    response: UInt64(UInt(bitPattern: responseBytes.baseAddress)))
                let result = ioctlArgument.withUnsafeMutableBytes { argument -> Int32 in
                    guard let base = argument.baseAddress else { return -1 }
                    return ioctl(descriptor, number, base)
                }
                let errorNumber = result == 0 ? 0 : errno
                let status = Status(
                    result: result, errorNumber: errorNumber, firmwareError: Self.uint32(ioctlArgument, at: 24),
                    vmmError: Self.uint32(ioctlArgument, at: 28))
                let needed = requestBytes.count > 104 ? Int(Self.uint32(Array(requestBytes), at: 104)) : nil
                return (status, needed)
            }
        }
    }

    /// `snp_report_req`.
    static func request(reportData: [UInt8], vmpl: UInt32) -> [UInt8] {
        reportData + [UInt8](repeating: 0, count: 64 - reportData.count) + littleEndian(vmpl, 4)
            + [UInt8](repeating: 0, count: 28)
    }

    /// `snp_ext_report_req`.
    static func extendedRequest(reportData: [UInt8], vmpl: UInt32, certificates: UInt64, length: UInt32) -> [UInt8] {
        request(reportData: reportData, vmpl: vmpl) + littleEndian(certificates, 8) + littleEndian(length, 4)
            + [UInt8](repeating: 0, count: 4)
    }

    /// `snp_guest_request_ioctl` with msg_version 1.
    static func ioctlArgument(request: UInt64, response: UInt64) -> [UInt8] {
        [1] + [UInt8](repeating: 0, count: 7) + littleEndian(request, 8) + littleEndian(response, 8)
            + [UInt8](repeating: 0, count: 8)
    }

    /// The report inside a MSG_REPORT_RSP, checked against its status and bounded by the response size.
    static func report(fromResponse response: [UInt8], path: String) throws -> [UInt8] {
        let status = uint32(response, at: 0)
        let size = Int(uint32(response, at: 4))
        guard status == 0 else {
            throw AttesterError.interfaceFailed(path: path, reason: "MSG_REPORT_RSP status 0x\(String(status, radix: 16))")
        }
        guard size > 0, reportOffset + size <= response.count else {
            throw AttesterError.interfaceFailed(path: path, reason: "MSG_REPORT_RSP report_size \(size) does not fit the response")
        }
        return Array(response[reportOffset..<(reportOffset + size)])
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
