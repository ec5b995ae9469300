@testable import Attester
import Foundation
import Testing

/// The /dev/sev-guest request layouts (include/uapi/linux/sev-guest.h) and the MSG_REPORT_RSP bounds.
@Suite struct SNPGuestDeviceTests {
    @Test func requestStructsHaveTheKernelLayout() {
        let data = [UInt8](repeating: 0xAA, count: 64)
        let request = SNPGuestDevice.request(reportData: data, vmpl: 2)
        #expect(request.count == 96)
        #expect(Array(request[64..<68]) == [2, 0, 0, 0])
        let extended = SNPGuestDevice.extendedRequest(reportData: data, vmpl: 0, certificates: 0x1122_3344_5566_7788, length: 0x4000)
        #expect(extended.count == 112)
        #expect(Array(extended[96..<104]) == [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])
        #expect(Array(extended[104..<108]) == [0x00, 0x40, 0x00, 0x00])
        let argument = SNPGuestDevice.ioctlArgument(request: 0x10, response: 0x20)
        #expect(argument.count == 32 && argument[0] == 1 && argument[8] == 0x10 && argument[16] == 0x20)
        // _IOWR('S', nr, 32 bytes)
        #expect(SNPGuestDevice.getReport == (3 << 30 | 32 << 16 | UInt(UInt8(ascii: "S")) << 8 | 0))
        #expect(SNPGuestDevice.getExtendedReport == (3 << 30 | 32 << 16 | UInt(UInt8(ascii: "S")) << 8 | 2))
    }

    @Test func responsesAreBounded() throws {
        var response = [UInt8](repeating: 0, count: SNPGuestDevice.responseSize)
        response[4] = 0xA0
        response[5] = 0x04  // report_size 0x4A0
        response[0x20] = 3
        #expect(try SNPGuestDevice.report(fromResponse: response, path: "dev").count == 0x4A0)
        response[5] = 0x40  // 0x40A0: larger than the response
        #expect(throws: AttesterError.self) { try SNPGuestDevice.report(fromResponse: response, path: "dev") }
        response[5] = 0x04
        response[0] = 0x16  // firmware status: invalid parameter
        #expect(throws: AttesterError.self) { try SNPGuestDevice.report(fromResponse: response, path: "dev") }
    }

    @Test func missingInterfacesSaySo() {
        let attester = SNPAttester(
            tsm: ConfigFSTSM(root: URL(fileURLWithPath: "/nonexistent/tsm")), device: SNPGuestDevice(path: "/nonexistent/sev-guest"))
        #expect(throws: AttesterError.self) { try attester.attest(reportData: [UInt8](repeating: 0, count: 64)) }
        #expect(throws: AttesterError.self) {
            try SNPGuestDevice(path: "/nonexistent/sev-guest").report(reportData: [UInt8](repeating: 0, count: 64))
        }
    }
}
