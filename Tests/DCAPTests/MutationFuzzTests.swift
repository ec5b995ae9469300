import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

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

    @Test(.sharedVectors) func mutatedQuotesNeverCrashTheParserOrInspector() async throws {
        let quoteFiles = try RealVectorTests.vectors().compactMap { $0.file("quote") }
        try #require(quoteFiles.count >= 21, "expected the 21 TDX/SGX quotes")
        var random = SplitMix64(state: 0xDCA9)
        var cases = 0
        var parsed = 0
        for url in quoteFiles {
            let original = Array(try Data(contentsOf: url))
            let quote = try Quote(parsing: original)
            for round in 0..<Self.mutationsPerQuote {
                // Minutes of CPU: let the rest of the suite (servers waiting for health checks) run in between.
                if round % 50 == 0 { await Task.yield() }
                let mutated = Self.mutate(original, &random)
                cases += 1
                do {
                    _ = try Quote(parsing: mutated)
                    parsed += 1
                } catch {
                    #expect(error is DCAPError, "\(url.lastPathComponent): \(type(of: error)) \(error)")
                }
                do {
                    _ = try DCAPInspector(tee: quote.tee).inspect(Evidence(tee: quote.tee, bytes: mutated))
                } catch {
                    #expect(error is DCAPError, "\(url.lastPathComponent): \(type(of: error)) \(error)")
                }
            }
        }
        #expect(cases >= 10_000)
        #expect(parsed > 0 && parsed < cases)
    }

    /// What decides a quote's verdict: the signed header and body, both signatures, the attestation key, the QE
    /// report and authentication data, and the PCK certificate and its CA (the first two certificates of the chain).
    /// The rest (trailing bytes, the copy of the root CA that ends the chain, which the pinned root replaces) may
    /// change without changing the verdict.
    static func verdictInputs(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard let quote = try? Quote(parsing: bytes),
            let chain = try? PCKCertificateChain(pem: quote.qe.certificationData.data)
        else { return nil }
        let qe = quote.qe
        return [quote.signedBytes, quote.signatureData.signature, quote.signatureData.attestationKey, qe.qeReport.bytes,
                qe.qeReportSignature, qe.qeAuthenticationData]
            + chain.certificates.prefix(2).map(\.der)
    }

    /// Mutations of a real quote with its real collateral: the verifier throws only `DCAPError`, and accepts a
    /// mutated quote only when everything that decides the verdict (``verdictInputs(_:)``) is untouched.
    @Test(.sharedVectors, arguments: ["tdx-v4-dcapqvl", "sgx-v3-dcapqvl"])
    func mutatedQuotesNeverCrashNorPassTheVerifier(id: String) async throws {
        let vector = try SharedVectors.vector(id)
        let (_, items) = try DCAPVectorCollateral.items(for: vector)
        let context = VerificationContext(asOf: try #require(vector.suggestedAsOf), collateral: items)
        let original = try #require(try vector.bytes("quote"))
        let inputs = try #require(Self.verdictInputs(original))
        let tee = TEEKind(rawValue: vector.platform)
        let verifier = DCAPVerifier(tee: tee)
        var random = SplitMix64(state: 0x5EED)
        var outcomes = (accepted: 0, rejected: 0, thrown: 0)
        for round in 0..<1500 {
            if round % 50 == 0 { await Task.yield() }
            let mutated = Self.mutate(original, &random)
            do {
                let verdict = try await verifier.verify(Evidence(tee: tee, bytes: mutated), context: context)
                if verdict.isValid {
                    outcomes.accepted += 1
                    let changed = Self.verdictInputs(mutated).map { parts in
                        parts.count == inputs.count ? parts.indices.filter { parts[$0] != inputs[$0] } : [-1]
                    }
                    let diff = zip(original, mutated).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    #expect(changed == [], "\(id): accepted with changed parts \(String(describing: changed)), first difference at \(String(describing: diff)), sizes \(original.count) \(mutated.count)")
                } else {
                    outcomes.rejected += 1
                }
            } catch {
                outcomes.thrown += 1
                #expect(error is DCAPError, "\(id): \(type(of: error)) \(error)")
            }
        }
        #expect(outcomes.rejected > 100 && outcomes.thrown > 100, "\(outcomes)")
    }

    /// Mutated collateral (the dcap-qvl bundle) never crashes: it is rejected as malformed (`DCAPError`), or the
    /// verdict fails, or — for changes outside the signed bytes such as whitespace — the quote still verifies.
    @Test(.sharedVectors) func mutatedCollateralNeverCrashesTheVerifier() async throws {
        let vector = try SharedVectors.vector("tdx-v4-dcapqvl")
        let (_, items) = try DCAPVectorCollateral.items(for: vector)
        let bundle = try #require(items.first)
        let evidence = Evidence(tee: .tdx, bytes: try #require(try vector.bytes("quote")))
        var random = SplitMix64(state: 0xC011)
        var outcomes = (accepted: 0, rejected: 0, thrown: 0)
        for round in 0..<300 {
            if round % 50 == 0 { await Task.yield() }
            let mutated = CollateralItem(source: bundle.source, bytes: Self.mutate(bundle.bytes, &random))
            let context = VerificationContext(asOf: try #require(vector.suggestedAsOf), collateral: [mutated])
            do {
                let verdict = try await DCAPVerifier(tee: .tdx).verify(evidence, context: context)
                if verdict.isValid { outcomes.accepted += 1 } else { outcomes.rejected += 1 }
            } catch {
                outcomes.thrown += 1
                #expect(error is DCAPError, "\(type(of: error)) \(error)")
            }
        }
        #expect(outcomes.rejected > 0 && outcomes.thrown > 0, "\(outcomes)")
    }
}
