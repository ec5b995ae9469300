import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// A deterministic generator (SplitMix64), so that a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Thousands of mutated real quotes: parsing, inspection and verification either succeed or throw, never crash.
@Suite struct MutationFuzzTests {
    static let mutationsPerQuote = 1500

    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return out }
        switch random.next() % 6 {
        case 0:  // flip a bit
            let index = Int(random.next() % UInt64(out.count))
            out[index] ^= UInt8(1) << (random.next() % 8)
        case 1:  // truncate
            out.removeLast(Int(random.next() % UInt64(out.count)))
        case 2:  // a length field set to an extreme value
            let index = Int(random.next() % UInt64(max(1, out.count - 4)))
            let value: [UInt8] = [[0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0xFF, 0xFF, 0, 0], [1, 0, 0, 0]][Int(random.next() % 4)]
            for offset in 0..<min(4, out.count - index) { out[index + offset] = value[offset] }
        case 3:  // random bytes inserted
            let index = Int(random.next() % UInt64(out.count))
            out.insert(contentsOf: (0..<Int(random.next() % 16 + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: index)
        case 4:  // a run overwritten
            let index = Int(random.next() % UInt64(out.count))
            for offset in index..<min(out.count, index + Int(random.next() % 64)) { out[offset] = UInt8(truncatingIfNeeded: random.next()) }
        default:  // a header or length region of the signature data scrambled
            for _ in 0..<4 {
                let index = Int(random.next() % UInt64(min(out.count, 1200)))
                out[index] = UInt8(truncatingIfNeeded: random.next())
            }
        }
        return out
    }

    @Test func mutatedQuotesNeverCrashTheParserOrInspector() throws {
        var random = SplitMix64(state: 0xDCA9)
        var cases = 0
        var parsed = 0
        for url in try QuoteParsingTests.quoteFiles() {
            let original = Array(try Data(contentsOf: url))
            let quote = try Quote(parsing: original)
            for _ in 0..<Self.mutationsPerQuote {
                let mutated = Self.mutate(original, &random)
                cases += 1
                if (try? Quote(parsing: mutated)) != nil { parsed += 1 }
                _ = try? DCAPInspector(tee: quote.tee).inspect(Evidence(tee: quote.tee, bytes: mutated))
            }
        }
        if !(try QuoteParsingTests.quoteFiles()).isEmpty {
            #expect(cases >= 10_000)
            #expect(parsed > 0 && parsed < cases)
        }
    }

    @Test func mutatedQuotesNeverCrashTheVerifier() async throws {
        guard let vector = try RealVectorTests.vectors().first(where: { $0.id == "tdx-v4-dcapqvl" }) else { return }
        let (_, items) = try VectorCollateral.items(for: vector)
        let context = VerificationContext(asOf: try #require(vector.suggestedAsOf), collateral: items)
        let original = try #require(try vector.bytes("quote"))
        let verifier = DCAPVerifier(tee: .tdx)
        var random = SplitMix64(state: 0x5EED)
        var rejected = 0
        for _ in 0..<2000 {
            let mutated = Self.mutate(original, &random)
            if let verdict = try? await verifier.verify(Evidence(tee: .tdx, bytes: mutated), context: context), !verdict.isValid {
                rejected += 1
            }
        }
        #expect(rejected > 0)
    }
}
