import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaGPU
import Testing

/// Truncated, oversized and garbage reports and lists get a typed error, never a crash or a verdict.
@Suite(.sharedVectors)
struct NvidiaMalformedInputTests {
    static func genuine() throws -> (report: [UInt8], chain: [UInt8]) {
        let vector = try SharedVectors.vector("nvidia-hopper-nvtrust-sample")
        return (EvidenceEncoding.decode(try #require(try vector.bytes("report"))).bytes, try #require(try vector.bytes("cert_chain")))
    }

    static func verify(_ bytes: [UInt8], chain: [UInt8]?) async throws -> Verdict {
        try await NvidiaGPUVerifier().verify(
            Evidence(tee: .nvidia, bytes: bytes),
            context: VerificationContext(asOf: Date(), collateral: chain.map { [CollateralItem(source: "chain", bytes: $0)] } ?? []))
    }

    @Test func everyTruncationIsATypedError() async throws {
        let (report, chain) = try Self.genuine()
        // Everything up to the end of the signature is needed; one byte fewer anywhere fails to parse.
        for length in stride(from: 0, to: report.count, by: 7) {
            await #expect(throws: NvidiaGPUError.self) { try await Self.verify(Array(report.prefix(length)), chain: chain) }
        }
    }

    @Test func aReportNeedsAChain() async throws {
        let (report, _) = try Self.genuine()
        await #expect(throws: NvidiaGPUError.missingCertificateChain) { try await Self.verify(report, chain: nil) }
    }

    @Test func garbageListsAreTypedErrors() async throws {
        for text in ["[]", "[1]", "[{\"evidence\": \"!!\", \"certificate\": \"\"}]", "[{\"certificate\": \"AAAA\"}]", "[" + String(repeating: "[", count: 400)] {
            await #expect(throws: NvidiaGPUError.self) { try await Self.verify(Array(text.utf8), chain: nil) }
        }
        let tooMany = "[" + Array(repeating: "{}", count: EvidenceList.maxDevices + 1).joined(separator: ",") + "]"
        await #expect(throws: NvidiaGPUError.self) { try await Self.verify(Array(tooMany.utf8), chain: nil) }
    }

    /// A measurement record length beyond its bound is refused before anything is allocated for it.
    @Test func anOversizedRecordIsRefused() async throws {
        var (report, chain) = try Self.genuine()
        report[37 + 5] = 0xFF
        report[37 + 6] = 0xFF
        report[37 + 7] = 0xFF
        await #expect(throws: NvidiaGPUError.self) { try await Self.verify(report, chain: chain) }
    }

    /// Random mutations of a genuine report never crash: each gives a verdict or a typed error.
    @Test func mutationsNeverCrash() async throws {
        let (report, chain) = try Self.genuine()
        var random = SplitMix64(state: 20)
        for _ in 0..<300 {
            var mutated = report
            for _ in 0..<(1 + Int(random.next() % 4)) {
                mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            do {
                let verdict = try await Self.verify(mutated, chain: chain)
                if mutated != report { #expect(!verdict.isValid) }
            } catch is NvidiaGPUError {}
        }
    }
}
