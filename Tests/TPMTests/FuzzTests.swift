import AttestationCore
import AssayTestSupport
import Foundation
import Testing
@testable import TPM
@testable import TPMDevice

/// Malformed TPM structures and event logs, thousands of deterministic mutations each: parsing may throw, but it
/// must never crash, hang or read out of bounds.
@Suite struct FuzzTests {
    /// Mutations drawn from a deterministic generator (SplitMix64), so failures reproduce.
    struct Mutator {
        var random: SplitMix64

        init(state: UInt64) { random = SplitMix64(state: state) }

        mutating func next() -> UInt64 { random.next() }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

        /// One mutation: flip bits, overwrite with extreme bytes (often a length field), truncate, duplicate or
        /// insert bytes.
        mutating func mutate(_ input: [UInt8]) -> [UInt8] {
            var bytes = input
            guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: next())] }
            switch below(6) {
            case 0:
                for _ in 0...below(4) { bytes[below(bytes.count)] ^= UInt8(1 << below(8)) }
            case 1:
                let offset = below(bytes.count)
                for index in offset..<min(bytes.count, offset + 1 + below(4)) { bytes[index] = below(2) == 0 ? 0xff : 0x00 }
            case 2:
                bytes.removeLast(1 + below(bytes.count))
            case 3:
                let start = below(bytes.count)
                let end = min(bytes.count, start + 1 + below(64))
                bytes.insert(contentsOf: bytes[start..<end], at: below(bytes.count))
            case 4:
                bytes.insert(UInt8(truncatingIfNeeded: next()), at: below(bytes.count + 1))
            default:
                bytes[below(bytes.count)] = UInt8(truncatingIfNeeded: next())
            }
            return bytes
        }
    }

    /// Runs `parse` on `count` mutations of `seed` and returns how many parsed.
    @discardableResult
    static func fuzz(_ seed: [UInt8], count: Int, salt: UInt64, _ parse: ([UInt8]) throws -> Void) -> Int {
        var mutator = Mutator(state: salt)
        var accepted = 0
        for _ in 0..<count {
            if (try? parse(mutator.mutate(seed))) != nil { accepted += 1 }
        }
        return accepted
    }

    @Test func quoteStructures() throws {
        let fixture = try TPMFixture(ecc: true)
        let quote = try fixture.quote()
        Self.fuzz(quote.attest.bytes, count: 3000, salt: 1) { _ = try TPMSAttest(parsing: $0) }
        Self.fuzz(quote.signature.bytes, count: 1000, salt: 2) { _ = try TPMTSignature(parsing: $0) }
        Self.fuzz(try TPMFixture().quote().signature.bytes, count: 1000, salt: 3) { _ = try TPMTSignature(parsing: $0) }
        for (salt, template) in [TPMKeyTemplate.endorsementRSA2048, TPMKeyTemplate.attestationECCP256, fixture.signer.publicArea].enumerated() {
            Self.fuzz(template.sizedBytes, count: 1000, salt: 10 + UInt64(salt)) {
                _ = try AttestationKeyPublic(parsing: $0).verificationKey()
            }
        }
        var selection = TPMWriter()
        TPMFixture.selection.write(to: &selection)
        Self.fuzz(selection.bytes, count: 1000, salt: 4) {
            var reader = ByteReader($0)
            _ = try PCRSelectionList(parsing: &reader)
        }
        let values = fixture.values.concatenated(for: TPMFixture.selection) ?? []
        Self.fuzz(values, count: 500, salt: 5) { _ = try PCRValues(tpm2ToolsFile: $0, selection: TPMFixture.selection) }
    }

    @Test func wholeEvidenceThroughTheVerifier() async throws {
        let fixture = try TPMFixture()
        let evidence = fixture.evidence(try fixture.quote())
        var mutator = Mutator(state: 6)
        let verifier = TPMVerifier()
        for round in 0..<600 {
            var mutated = evidence
            switch round % 3 {
            case 0: mutated.bytes = mutator.mutate(evidence.bytes)
            case 1:
                let name = TPMEvidence.Attachment.akPublic.rawValue
                mutated.attachments[name] = mutator.mutate(evidence.attachments[name] ?? [])
            default:
                let name = TPMEvidence.Attachment.pcrs.rawValue
                mutated.attachments[name] = mutator.mutate(evidence.attachments[name] ?? [])
            }
            let verdict = try? await verifier.verify(mutated, context: fixture.context())
            if let verdict, round % 3 != 1 {
                #expect(!verdict.isValid || mutated == evidence, "round \(round) accepted a mutated quote or PCR value")
            }
        }
    }

    @Test(.sharedVectors)
    func eventLogsAndInterchangeFormats() async throws {
        let vectors = try SharedVectors.platform("tpm")
        try #require(vectors.count >= 12, "expected the 12 TPM vectors (5 event logs, 6 go-tpm-tools, 1 go-attestation)")
        for (index, vector) in vectors.enumerated() {
            if let log = try vector.bytes("log") {
                let parsed = Self.fuzz(log, count: 400, salt: 100 + UInt64(index)) { _ = try TCGEventLog(parsing: $0).replay() }
                #expect(parsed < 400, "\(vector.id): mutations should mostly be caught")
            }
            if let attestation = try vector.bytes("attestation"), vector.expectedValid {
                Self.fuzz(attestation, count: 800, salt: 200 + UInt64(index)) {
                    _ = try TPMEvidence(goTPMToolsAttestation: $0)
                }
            }
            if let dump = try vector.bytes("dump") {
                Self.fuzz(dump, count: 500, salt: 300) { _ = try TPMEvidence(goAttestationDump: $0) }
                let parsed = try TPMEvidence(goAttestationDump: dump)
                if let log = parsed.eventLog?.bytes {
                    Self.fuzz(log, count: 400, salt: 301) { _ = try TCGEventLog(parsing: $0).replay() }
                }
            }
        }
    }

    /// TPM responses as a broken or hostile TPM might send them.
    @Test func tpmResponses() throws {
        let command = TPMCommand(code: .quote, handles: [.firstTransient], authorizations: [.password([])], parameters: [])
        var writer = TPMWriter()
        writer.write(UInt16(0x8002))
        writer.write(UInt32(10 + 4 + 6 + 5))
        writer.write(UInt32(0))
        writer.write(UInt32(6))
        writer.write(bytes: [0, 2, 0xab, 0xcd, 0x00, 0x01])
        writer.write(bytes: [0, 0, 1, 0, 0])
        #expect(try TPMResponse(parsing: writer.bytes, command: command, handleCount: 0).parameters.count == 6)
        Self.fuzz(writer.bytes, count: 2000, salt: 7) { _ = try TPMResponse(parsing: $0, command: command, handleCount: 1) }
    }
}
