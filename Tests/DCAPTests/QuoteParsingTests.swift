import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

@Suite struct QuoteParsingTests {
    @Test(.sharedVectors) func realQuotesParseByTheirDeclaredLengths() throws {
        let quotes = try (SharedVectors.platform("tdx") + SharedVectors.platform("sgx")).compactMap { $0.file("quote") }
        try #require(quotes.count == 21, "TDX and SGX quotes in expected.jsonl")
        for url in quotes {
            let bytes = Array(try Data(contentsOf: url))
            let quote = try Quote(parsing: bytes)
            let bodyLength: Int
            switch quote.body {
            case .td(let report):
                bodyLength = report.isVersion15 ? TDReportBody.length15 : TDReportBody.length10
                #expect(quote.header.version >= 4)
                #expect(report.isVersion15 == (quote.bodyType == QuoteBody.td15BodyType))
            case .enclave:
                bodyLength = EnclaveReportBody.length
                #expect(quote.header.version == 3)
            }
            let descriptor = quote.header.version == 5 ? 6 : 0
            #expect(quote.signedBytes == Array(bytes.prefix(QuoteHeader.length + descriptor + bodyLength)), "\(url.lastPathComponent)")
            #expect(quote.qe.certificationData.type == CertificationDataType.pckCertificateChain)
            // The QE report keeps the exact bytes that sit in the quote.
            let report = quote.qe.qeReport.bytes
            #expect(bytes.indices.contains { index in index + report.count <= bytes.count && Array(bytes[index..<(index + report.count)]) == report })
        }
    }

    /// Reserved bytes of the QE report are recorded, not rejected: the PCK signature over the QE report judges them.
    @Test func reservedBytesOfTheQEReportAreRecorded() throws {
        let scenario = try Scenario()
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        #expect(try Quote(parsing: bytes).reservedFields.isEmpty)
        let qeReport = 48 + TDReportBody.length10 + 4 + 128 + 6
        bytes[qeReport + 0x14] = 1  // RESERVED1
        let quote = try Quote(parsing: bytes)
        #expect(quote.reservedFields.names == ["QE report reserved 0x014"])
        #expect(quote.claims["reserved_nonzero"] == .array([.string("QE report reserved 0x014")]))
    }

    @Test func declaredLengthsAreBounded() throws {
        let scenario = try Scenario()
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        let lengthOffset = 48 + TDReportBody.length10
        for index in 0..<4 { bytes[lengthOffset + index] = 0xFF }
        #expect(throws: DCAPError.malformedQuote(.boundExceeded(field: "signature data length", value: Int(UInt32.max), limit: QuoteSignatureData.maxLength))) {
            try Quote(parsing: bytes)
        }
    }

    @Test func unsupportedVersionsAndTypesAreNamed() throws {
        let scenario = try Scenario()
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        bytes[0] = 6
        #expect(throws: DCAPError.unsupportedQuoteVersion(6)) { try Quote(parsing: bytes) }
        bytes[0] = 4
        bytes[2] = 3
        #expect(throws: DCAPError.unsupportedAttestationKeyType(3)) { try Quote(parsing: bytes) }
        bytes[2] = 2
        bytes[4] = 0
        #expect(throws: DCAPError.unsupportedTEEType(0, version: 4)) { try Quote(parsing: bytes) }
    }
}
