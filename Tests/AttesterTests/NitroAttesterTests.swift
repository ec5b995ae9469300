@testable import Attester
import CBOR
import Foundation
import Testing

/// A Nitro Secure Module that answers every request with `response` and remembers what it was asked.
final class FakeNSM: NSMTransport, @unchecked Sendable {
    let path = "fake-nsm"
    let isAvailable: Bool
    let response: [UInt8]
    private(set) var requests: [[UInt8]] = []
    private(set) var capacities: [Int] = []

    init(response: [UInt8], isAvailable: Bool = true) {
        self.response = response
        self.isAvailable = isAvailable
    }

    func exchange(_ request: [UInt8], capacity: Int) throws -> [UInt8] {
        requests.append(request)
        capacities.append(capacity)
        return response
    }

    static func answering(_ value: CBORValue) -> FakeNSM { FakeNSM(response: CBORWriter.encode(value)) }

    static func document(_ bytes: [UInt8]) -> FakeNSM {
        answering(.map([CBORMapEntry(.text("Attestation"), .map([CBORMapEntry(.text("document"), .bytes(bytes))]))]))
    }
}

/// The NSM request encoding, the response parsing and its bounds, and the `/dev/nsm` ioctl layout.
@Suite struct NitroAttesterTests {
    /// The request is nsm-api's serde form: `{"Attestation": {"user_data", "nonce", "public_key"}}`, absent ones null.
    @Test func requestIsTheNSMAttestationMap() throws {
        let request = try NitroAttester.request(userData: [1, 2], nonce: nil, publicKey: [3])
        let attestation = try #require(try CBORReader.decode(request)["Attestation"])
        #expect(attestation.mapValue?.map(\.key) == [.text("user_data"), .text("nonce"), .text("public_key")])
        #expect(attestation["user_data"] == .bytes([1, 2]))
        #expect(attestation["nonce"] == .null)
        #expect(attestation["public_key"] == .bytes([3]))
        // a1 6b "Attestation" a3 69 "user_data" 42 01 02 65 "nonce" f6 6a "public_key" 41 03
        #expect(Array(request.prefix(2)) == [0xA1, 0x6B])
        #expect(request.count == 1 + 12 + 1 + 10 + 3 + 6 + 1 + 11 + 2)
    }

    @Test(arguments: [
        (NitroAttester.maxUserDataBytes + 1, 0, 0), (0, NitroAttester.maxNonceBytes + 1, 0), (0, 0, NitroAttester.maxPublicKeyBytes + 1),
    ])
    func oversizedFieldsAreRefusedBeforeTheModuleIsAsked(userData: Int, nonce: Int, publicKey: Int) {
        let nsm = FakeNSM.document([1])
        #expect(throws: AttesterError.self) {
            try NitroAttester(transport: nsm).attest(
                userData: [UInt8](repeating: 1, count: userData), nonce: [UInt8](repeating: 2, count: nonce),
                publicKey: [UInt8](repeating: 3, count: publicKey))
        }
        #expect(nsm.requests.isEmpty)
    }

    @Test func aDocumentResponseGivesTheDocument() throws {
        let nsm = FakeNSM.document([0x84, 0x40, 0xA0, 0x40, 0x40])
        let document = try NitroAttester(transport: nsm).attest(userData: [UInt8](repeating: 9, count: 64), nonce: [7])
        #expect(document == [0x84, 0x40, 0xA0, 0x40, 0x40])
        #expect(nsm.capacities == [NitroAttester.maxResponseBytes])
        let sent = try CBORReader.decode(try #require(nsm.requests.first))
        #expect(sent["Attestation"]?["user_data"] == .bytes([UInt8](repeating: 9, count: 64)))
        #expect(sent["Attestation"]?["nonce"] == .bytes([7]))
    }

    @Test(arguments: ["InvalidArgument", "InputTooLarge", "InternalError", "SomethingNew"])
    func anErrorResponseIsTheModulesErrorCode(code: String) throws {
        let nsm = FakeNSM.answering(.map([CBORMapEntry(.text("Error"), .text(code))]))
        let error = try #require(throws: AttesterError.self) { try NitroAttester(transport: nsm).attest(userData: nil) }
        #expect(error == .nsmError(code: code))
        #expect(error.description.contains(code))
    }

    /// Not CBOR, a map of two variants, another variant, no document, an empty document, an oversized response or
    /// document: each is a malformed response, never a crash.
    static let malformed: [String: [UInt8]] = [
        "not CBOR": [0xFF],
        "truncated": [0xA1, 0x6B],
        "two variants": CBORWriter.encode(
            .map([CBORMapEntry(.text("Attestation"), .map([])), CBORMapEntry(.text("Error"), .text("x"))])),
        "another variant": CBORWriter.encode(.map([CBORMapEntry(.text("DescribePCR"), .map([]))])),
        "text document": CBORWriter.encode(
            .map([CBORMapEntry(.text("Attestation"), .map([CBORMapEntry(.text("document"), .text("doc"))]))])),
        "empty document": FakeNSM.document([]).response,
        "not a map": CBORWriter.encode(.array([.text("Attestation")])),
        "oversized document": FakeNSM.document([UInt8](repeating: 1, count: NitroAttester.maxDocumentBytes + 1)).response,
        "oversized response": FakeNSM.document([UInt8](repeating: 1, count: NitroAttester.maxResponseBytes)).response,
    ]

    @Test(arguments: malformed.keys.sorted())
    func malformedResponsesAreNamed(kind: String) throws {
        let response = try #require(Self.malformed[kind])
        let error = try #require(throws: AttesterError.self) {
            try NitroAttester(transport: FakeNSM(response: response)).attest(userData: [1])
        }
        guard case .malformedResponse(let path, _) = error else {
            Issue.record("\(kind): expected a malformed response, got \(error)")
            return
        }
        #expect(path == "fake-nsm")
    }

    @Test func theLargestDocumentFits() throws {
        let nsm = FakeNSM.document([UInt8](repeating: 1, count: NitroAttester.maxDocumentBytes))
        #expect(nsm.response.count <= NitroAttester.maxResponseBytes)
        #expect(try NitroAttester(transport: nsm).attest(userData: nil).count == NitroAttester.maxDocumentBytes)
    }

    @Test func aMissingModuleSaysSo() {
        #expect(throws: AttesterError.self) {
            try NitroAttester(transport: FakeNSM(response: [], isAvailable: false)).attest(userData: [1])
        }
        let missing = NSMDevice(path: "/nonexistent/nsm")
        #expect(throws: AttesterError.self) { try NitroAttester(transport: missing).attest(userData: [1]) }
    }

    /// A regular file is not the module: the ioctl fails with ENOTTY and the message says where to run.
    @Test func aRegularFileIsNotTheModule() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nsm-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: AttesterError.self) {
            try NSMDevice(path: file.path).exchange([0xA0], capacity: 16)
        }
        #expect(error.description.contains("Nitro enclave"))
    }

    /// `struct nsm_raw` and `NSM_IOCTL_RAW` (include/uapi/linux/nsm.h).
    @Test func ioctlLayoutIsTheKernels() {
        let message = NSMDevice.message(request: 0x1122, requestLength: 5, response: 0x3344, responseLength: 0x3000)
        #expect(message.count == 32)
        #expect(Array(message[0..<2]) == [0x22, 0x11] && message[8] == 5 && Array(message[16..<18]) == [0x44, 0x33])
        #expect(NSMDevice.uint64(message, at: 24) == 0x3000)
        #expect(NSMDevice.rawRequest == (3 << 30 | 32 << 16 | 0x0A << 8 | 0))
        #expect(NSMDevice.maxRequestBytes == 0x1000 && NSMDevice.maxResponseBytes == 0x3000)
    }
}
