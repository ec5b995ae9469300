import AttestationCore
import AssayTestSupport
import Crypto
import Foundation
import Testing
import TPM
import TPMDevice

@Suite struct ABITests {
    @Test func quoteRoundTripsByteExact() throws {
        let fixture = try TPMFixture()
        let quote = try fixture.quote()
        let parsed = try TPMSAttest(parsing: quote.attest.bytes)
        #expect(parsed == quote.attest)
        #expect(parsed.magic == TPMSAttest.generatedValue)
        #expect(parsed.type == .quote)
        #expect(parsed.clockInfo.resetCount == 2)
        #expect(parsed.quoteInfo?.pcrSelect == TPMFixture.selection)
        let signature = try TPMTSignature(parsing: quote.signature.bytes)
        #expect(signature == quote.signature)
        #expect(signature.schemeDescription == "rsassa-sha256")
    }

    @Test(arguments: [
        TPMKeyTemplate.endorsementRSA2048, TPMKeyTemplate.endorsementECCP256, TPMKeyTemplate.storageRSA2048,
        TPMKeyTemplate.storageECCP256, TPMKeyTemplate.attestationRSA2048(), TPMKeyTemplate.attestationRSA2048(scheme: .rsapss),
        TPMKeyTemplate.attestationECCP256,
    ])
    func templatesRoundTrip(template: TPMTPublic) throws {
        let parsed = try TPMTPublic(parsing: template.bytes)
        #expect(parsed == template)
        #expect(try TPMTPublic(parsingSized: template.sizedBytes) == template)
        #expect(try parsed.name().count == 34)
    }

    /// The RSA EK of the TCG L-1 template has the well-known attributes 0x000300b2 and the PolicySecret digest.
    @Test func endorsementTemplateMatchesTheTCGProfile() {
        let template = TPMKeyTemplate.endorsementRSA2048
        #expect(template.attributes.rawValue == 0x0003_00B2)
        #expect(Hex.encode(template.authPolicy) == "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa")
        #expect(Hex.encode(template.bytes.prefix(10)) == "0001000b000300b20020")
    }

    @Test func pcrSelectionTextParses() throws {
        let list = try PCRSelectionList(parsing: "sha256:0-2,7+sha1:16")
        #expect(list.text == "sha256:0,1,2,7+sha1:16")
        var writer = TPMWriter()
        list.write(to: &writer)
        #expect(Hex.encode(writer.bytes) == "00000002000b03870000000403000001")
        for bad in ["", "sha256", "md5:0", "sha256:32", "sha256:3-1", "sha256:x"] {
            #expect(throws: TPMError.self, "\(bad)") { try PCRSelectionList(parsing: bad) }
        }
    }

    /// tpm2-tools' serialized `tpm2_pcrs` layout, as `tpm2_quote -o` writes it on x86 (little-endian).
    @Test func tpm2ToolsSerializedPCRValuesParse() throws {
        let selection = try PCRSelectionList(parsing: "sha256:0,16+sha1:16")
        var file: [UInt8] = [2, 0, 0, 0]
        file += [0x0b, 0, 3, 0x01, 0x00, 0x01, 0, 0] + [0x04, 0, 3, 0, 0, 1, 0, 0]
        file += [UInt8](repeating: 0, count: 14 * 8)
        file += [1, 0, 0, 0] + [3, 0, 0, 0]
        let digests: [[UInt8]] = [[UInt8](repeating: 0xa, count: 32), [UInt8](repeating: 0xb, count: 32), [UInt8](repeating: 0xc, count: 20)]
        for slot in 0..<8 {
            let digest = slot < digests.count ? digests[slot] : []
            file += [UInt8(digest.count), 0] + digest + [UInt8](repeating: 0, count: 64 - digest.count)
        }
        let values = try PCRValues(tpm2ToolsFile: file, selection: selection)
        #expect(values[.sha256, 0] == digests[0])
        #expect(values[.sha256, 16] == digests[1])
        #expect(values[.sha1, 16] == digests[2])
        let concatenated = digests.flatMap { $0 }
        #expect(try PCRValues(tpm2ToolsFile: concatenated, selection: selection) == values)
        #expect(throws: TPMError.self) { try PCRValues(tpm2ToolsFile: Array(file.dropLast()), selection: selection) }
    }

    @Test func protobufReaderBoundsLengthsAndVarints() throws {
        var reader = ProtobufReader([0x0a, 0x02, 0x01, 0x02, 0x10, 0x96, 0x01][...], message: "test")
        let first = try #require(try reader.next())
        #expect(first.number == 1 && Array(first.bytes) == [1, 2])
        let second = try #require(try reader.next())
        #expect(second.number == 2 && second.varint == 150)
        #expect(try reader.next() == nil)
        for bad: [UInt8] in [[0x0a, 0x05, 0x01], [0x10] + [UInt8](repeating: 0xff, count: 11), [0x0b], [0x00, 0x00]] {
            var reader = ProtobufReader(bad[...], message: "test")
            #expect(throws: TPMError.self) { while try reader.next() != nil {} }
        }
    }

    @Test func responseCodesAreNamed() {
        #expect("\(TPMResponseCode(rawValue: 0x902))" == "0x902 (TPM_RC_OBJECT_MEMORY)")
        #expect("\(TPMResponseCode(rawValue: 0x1df))" == "0x1df (TPM_RC_INTEGRITY, parameter 1)")
        #expect("\(TPMResponseCode(rawValue: 0x18b))" == "0x18b (TPM_RC_HANDLE, handle 1)")
        #expect(TPMResponseCode(rawValue: 0x18b).formatOneError == .handle)
    }

    @Test func deviceAddressesParse() throws {
        #expect(try TPMDeviceAddress(parsing: "swtpm:host=127.0.0.1,port=2321") == .swtpm(host: "127.0.0.1", port: 2321))
        #expect(try TPMDeviceAddress(parsing: "swtpm:port=4000") == .swtpm(host: "127.0.0.1", port: 4000))
        #expect(try TPMDeviceAddress(parsing: "/dev/tpmrm0") == .device(path: "/dev/tpmrm0"))
        for bad in ["mssim:port=1", "swtpm:port=x", "swtpm:colour=red", "tpm"] {
            #expect(throws: TPMError.self, "\(bad)") { try TPMDeviceAddress(parsing: bad) }
        }
        #expect(throws: TPMError.self) { try TPMDeviceFile(path: "/nonexistent/tpmrm0") }
    }
}
