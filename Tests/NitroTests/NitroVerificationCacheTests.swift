import AssayTestSupport
import AttestationCore
import Foundation
import Nitro
import Testing

/// One verifier, its caches warm: a tampered document from the same chain still fails its signature, and a
/// genuine one outside its certificate's window still fails validity (nothing time-dependent is cached).
@Suite(.sharedVectors)
struct NitroVerificationCacheTests {
    @Test func cachedChainsJudgeEveryDocumentAndInstantAfresh() async throws {
        let verifier = NitroVerifier(cacheCapacity: 4)
        let genuine = try SharedVectors.vector("nitro-evervault-beta-valid-attestation-doc")
        let tampered = try SharedVectors.vector("nitro-evervault-beta-valid-attestation-doc__signature")
        let instant = try NitroVectorTests.asOf(genuine)
        func verify(_ vector: SharedVectors.Vector, at instant: Date) async throws -> [String] {
            let evidence = Evidence(tee: .nitro, bytes: try NitroVectorTests.evidence(vector))
            return try await verifier.verify(evidence, context: VerificationContext(asOf: instant)).failures.map(\.check)
        }
        #expect(try await verify(genuine, at: instant) == [])
        #expect(try await verify(genuine, at: instant) == [])
        #expect(try await verify(tampered, at: instant) == ["cose_signature"])
        #expect(try await verify(genuine, at: instant.addingTimeInterval(86400)) == ["nitro_chain_validity"])
        #expect(try await verify(genuine, at: instant) == [])
    }
}
