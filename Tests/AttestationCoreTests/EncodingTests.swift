import Testing
@testable import AttestationCore

@Suite struct EncodingTests {
    @Test func hexRoundTrip() throws {
        let bytes: [UInt8] = [0x00, 0x7f, 0x80, 0xff]
        #expect(Hex.encode(bytes) == "007f80ff")
        #expect(Hex.encode(bytes[1...]) == "7f80ff")
        #expect(Hex.encode(bytes.reversed()) == "ff807f00", "a sequence without contiguous storage")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(try Hex.decode("007F80FF") == bytes)
        #expect(try Hex.decode("0x007f80ff") == bytes)
        #expect(throws: AttestationCoreError.self) { try Hex.decode("abc") }
        #expect(throws: AttestationCoreError.self) { try Hex.decode("zz") }
    }

    @Test func base64AndBase64URL() throws {
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x01]
        #expect(Base64.encode(bytes) == "+//+AQ==")
        #expect(Base64.encodeURL(bytes) == "-__-AQ")
        #expect(try Base64.decode("-__-AQ") == bytes)
        #expect(try Base64.decode("+//+AQ==") == bytes)
        #expect(throws: AttestationCoreError.self) { try Base64.decode("a") }
        #expect(throws: AttestationCoreError.self) { try Base64.decode("@@@@") }
    }

    @Test func evidenceEncodingIsDetected() {
        let raw: [UInt8] = [0x41, 0x53, 0x54, 0x45, 0x00, 0x01, 0xff, 0x10]
        #expect(EvidenceEncoding.decode(raw).encoding == .raw)
        let hex = Array((Hex.encode(raw) + "\n").utf8)
        #expect(EvidenceEncoding.decode(hex) == (.hex, raw))
        let base64 = Array((Base64.encode(raw) + "\r\n").utf8)
        #expect(EvidenceEncoding.decode(base64) == (.base64, raw))
        #expect(EvidenceEncoding.decode([]).encoding == .raw)
        for encoding in EvidenceEncoding.allCases {
            #expect(EvidenceEncoding.decode(encoding.encode(raw)).bytes == raw)
        }
    }

    @Test func reportDataBindingRules() throws {
        let runtime = try RuntimeData(bytes: Array(#"{"nonce":"abc"}"#.utf8))
        #expect(runtime.nonce == "abc")
        #expect(runtime.reportData(for: .sha512).count == 64)
        #expect(runtime.reportData(for: .sha256).count == 32)
        let padded = runtime.reportData(for: .sha256ZeroPadded)
        #expect(padded.count == 64 && Array(padded[0..<32]) == runtime.reportData(for: .sha256))
        #expect(ExpectedReportData.exact([1, 2]).bytes(for: .sha512, length: 4) == [1, 2, 0, 0])
        #expect(throws: AttestationCoreError.self) {
            try RuntimeData(bytes: [UInt8](repeating: 0x20, count: RuntimeData.maxBytes + 1))
        }
    }
}
