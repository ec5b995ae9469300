import AttestationCore
import Crypto
import Foundation
import SEVSNP
import Testing

/// Feeds thousands of mutated reports and certificate tables through the parser, the inspector and the verifier:
/// nothing may crash, every failure is a thrown ``SEVSNPError`` or a verdict, and no mutation of the signed bytes
/// or the signature is ever accepted.
@Suite struct FuzzTests {
    /// A small deterministic generator (xorshift64*), so a failing case can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    static func mutate(_ input: [UInt8], using generator: inout Generator) -> [UInt8] {
        var bytes = input
        switch generator.next() % 6 {
        case 0, 1:
            for _ in 0..<(1 + generator.next() % 4) where !bytes.isEmpty {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] ^= UInt8(truncatingIfNeeded: 1 << (generator.next() % 8))
            }
        case 2:
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
        case 3:
            bytes += (0..<(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case 4:
            let index = Int(generator.next() % UInt64(max(bytes.count, 1)))
            if index < bytes.count { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) }
        default:
            let start = Int(generator.next() % UInt64(max(bytes.count, 1)))
            let count = Int(generator.next() % 32)
            for index in start..<min(start + count, bytes.count) { bytes[index] = 0xFF }
        }
        return bytes
    }

    @Test func mutatedEvidenceNeverCrashesNorVerifies() async throws {
        let key = P384.Signing.PrivateKey()
        let base = try SyntheticChainTests.baseline(key: key)
        let pki = try SyntheticChainTests.pki.get()
        let table = CertificateTable(entries: [
            .init(guid: CertificateTable.Kind.vcek.guid, data: base.collateral[0]),
            .init(guid: CertificateTable.Kind.ask.guid, data: pki.ask.der),
        ])
        let original = base.report.bytes + table.serialized
        let context = VerificationContext(asOf: FakeAMD.asOf, trustAnchors: base.anchors, collateral: [])
        let verifier = SEVSNPVerifier()
        #expect(try await verifier.verify(Evidence(tee: .snp, bytes: original), context: context).isValid)

        var generator = Generator(state: 0x5EED_5EED_1234_5678)
        var counts = (thrown: 0, rejected: 0, accepted: 0)
        for _ in 0..<2000 {
            let bytes = Self.mutate(original, using: &generator)
            let evidence = Evidence(tee: .snp, bytes: bytes)
            _ = try? SEVSNPInspector().inspect(evidence)
            do {
                let verdict = try await verifier.verify(evidence, context: context)
                if verdict.isValid {
                    counts.accepted += 1
                    // Only bytes outside the signed report and its signature may differ in an accepted mutation
                    // (e.g. padding after the table).
                    #expect(Array(bytes.prefix(0x330)) == Array(original.prefix(0x330)))
                } else {
                    counts.rejected += 1
                }
            } catch is SEVSNPError {
                counts.thrown += 1
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
        #expect(counts.thrown > 500 && counts.rejected > 100)
    }

    @Test func randomBytesNeverCrashTheParsers() {
        var generator = Generator(state: 42)
        for round in 0..<2000 {
            let length = round % 3 == 0 ? AttestationReport.size : Int(generator.next() % 2048)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? AttestationReport(parsing: bytes)
            _ = try? CertificateTable(parsing: bytes[...])
            _ = try? AMDCertificate(derEncoded: bytes, source: "fuzz")
            _ = try? SNPCollateral(items: [CollateralItem(source: "fuzz", bytes: bytes)])
        }
    }
}
