public import Foundation
import Glibc

/// Collects TDX evidence inside a trust domain: a DCAP quote over 64 bytes of report data, and the CCEL event log.
///
/// Quotes come from configfs-tsm (provider `tdx_guest`, Linux 6.7+). On older guest kernels that expose only
/// `/dev/tdx_guest`, the fallback is the legacy ioctl pair that go-tdx-guest also uses: `TDX_CMD_GET_REPORT0`
/// (`_IOWR('T', 1, {report_data[64], tdreport[1024]})`) for the TDREPORT, then `TDX_CMD_GET_QUOTE`
/// (`_IOWR('T', 2, {buffer pointer, length})`) with a buffer `{version = 1, status, in_len = 1024, out_len,
/// data[16 KiB]}` that the VMM's quote service fills with the quote. Upstream kernels removed `GET_QUOTE` in favour
/// of configfs-tsm, so the fallback fails there with `ENOTTY`.
///
/// The event log is read from ACPI: the CCEL table at `<acpi>/CCEL` and the log area at `<acpi>/data/CCEL`.
public struct TDXAttester: Sendable {
    /// The TSM provider name of TDX guests.
    public static let provider = "tdx_guest"
    /// Size of a TDREPORT.
    static let tdReportSize = 1024
    /// Size of the quote buffer of the legacy ioctl.
    static let quoteBufferSize = 16 * 1024
    /// `_IOWR('T', 1, 1088)`.
    static let getReportRequest: UInt = 0xC440_5401
    /// `_IOWR('T', 2, 16)`.
    static let getQuoteRequest: UInt = 0xC010_5402

    /// The configfs-tsm interface.
    public let tsm: ConfigFSTSM
    /// The legacy device (`/dev/tdx_guest`).
    public let devicePath: String
    /// The ACPI tables directory (`/sys/firmware/acpi/tables`).
    public let acpiTables: URL

    public init(
        tsm: ConfigFSTSM = ConfigFSTSM(), devicePath: String = "/dev/tdx_guest",
        acpiTables: URL = URL(fileURLWithPath: "/sys/firmware/acpi/tables")
    ) {
        self.tsm = tsm
        self.devicePath = devicePath
        self.acpiTables = acpiTables
    }

    /// A quote over `reportData` (at most 64 bytes, zero-padded), through configfs-tsm (report entry `entry`) or
    /// the legacy device.
    public func quote(reportData: [UInt8], entry: String = "assay-\(UUID().uuidString)") throws -> [UInt8] {
        guard reportData.count <= ConfigFSTSM.maxInblob else {
            throw AttesterError.reportDataTooLong(reportData.count, limit: ConfigFSTSM.maxInblob)
        }
        let padded = reportData + [UInt8](repeating: 0, count: ConfigFSTSM.maxInblob - reportData.count)
        if tsm.isAvailable {
            return try tsm.report(inblob: padded, name: entry, provider: Self.provider).outblob
        }
        guard FileManager.default.fileExists(atPath: devicePath) else {
            throw AttesterError.interfaceUnavailable(
                "neither \(tsm.root.path) (configfs-tsm, Linux 6.7+) nor \(devicePath) exists: not a TDX guest")
        }
        return try legacyQuote(reportData: padded)
    }

    /// The CCEL ACPI table and the event log area, if the firmware published them.
    public func eventLog() throws -> (table: [UInt8], log: [UInt8])? {
        let table = acpiTables.appendingPathComponent("CCEL")
        let data = acpiTables.appendingPathComponent("data").appendingPathComponent("CCEL")
        guard FileManager.default.fileExists(atPath: table.path), FileManager.default.fileExists(atPath: data.path) else {
            return nil
        }
        do {
            return (Array(try Data(contentsOf: table)), Array(try Data(contentsOf: data)))
        } catch {
            throw AttesterError.interfaceFailed(path: data.path, reason: "cannot read the CCEL event log (\(error.localizedDescription))")
        }
    }

    func legacyQuote(reportData: [UInt8]) throws -> [UInt8] {
        let fd = open(devicePath, O_RDWR | O_SYNC)
        guard fd >= 0 else {
            throw AttesterError.interfaceFailed(path: devicePath, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var reportRequest = reportData + [UInt8](repeating: 0, count: Self.tdReportSize)
        let reportStatus = reportRequest.withUnsafeMutableBytes { Self.control(fd, Self.getReportRequest, $0) }
        guard reportStatus == 0 else {
            throw AttesterError.interfaceFailed(path: devicePath, reason: "TDX_CMD_GET_REPORT0 failed (\(String(cString: strerror(errno))))")
        }
        var buffer = [UInt8](repeating: 0, count: 24 + Self.quoteBufferSize)
        Self.store(UInt64(1), at: 0, in: &buffer)
        Self.store(UInt32(Self.tdReportSize), at: 16, in: &buffer)
        buffer.replaceSubrange(24..<(24 + Self.tdReportSize), with: reportRequest[64...])
        let quoteStatus = buffer.withUnsafeMutableBytes { raw -> Int32 in
            var request = [UInt8](repeating: 0, count: 16)
            Self.store(UInt64(UInt(bitPattern: raw.baseAddress)), at: 0, in: &request)
            Self.store(UInt64(Self.quoteBufferSize), at: 8, in: &request)
            return request.withUnsafeMutableBytes { Self.control(fd, Self.getQuoteRequest, $0) }
        }
        guard quoteStatus == 0 else {
            let reason = errno == ENOTTY
                ? "TDX_CMD_GET_QUOTE is not supported by this kernel; use configfs-tsm (Linux 6.7+)"
                : "TDX_CMD_GET_QUOTE failed (\(String(cString: strerror(errno))))"
            throw AttesterError.interfaceFailed(path: devicePath, reason: reason)
        }
        let status = Self.load(UInt64.self, at: 8, in: buffer)
        let length = Int(Self.load(UInt32.self, at: 20, in: buffer))
        guard status == 0, length > 0, length <= Self.quoteBufferSize else {
            throw AttesterError.interfaceFailed(
                path: devicePath, reason: "the quote service returned status 0x\(String(status, radix: 16)) and \(length) bytes")
        }
        return Array(buffer[24..<(24 + length)])
    }

    /// `ioctl(fd, request, buffer)`, or -1 for an empty buffer.
    static func control(_ fd: Int32, _ request: UInt, _ buffer: UnsafeMutableRawBufferPointer) -> Int32 {
        guard let address = buffer.baseAddress else { return -1 }
        return ioctl(fd, request, address)
    }

    static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<MemoryLayout<T>.size { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    static func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int, in bytes: [UInt8]) -> T {
        (0..<MemoryLayout<T>.size).reversed().reduce(T(0)) { $0 << 8 | T(bytes[offset + $1]) }
    }
}
