import AttestationCore
import Attester
import CBOR
import Foundation
import Nitro
import Testing

/// `assay attest --tee nitro` end to end through the NSM seam: the attester's document, from a simulated module,
/// verifies with NitroVerifier bound to the runtime data (user_data = SHA-512), with the nonce and key it asked for.
@Suite struct NitroAttesterEndToEndTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aCollectedDocumentVerifiesAndIsBoundToTheRuntimeData() async throws {
        let nsm = try SimulatedNSM(now: Self.now)
        let runtime = RuntimeData(json: ["nonce": .string("n-0123456789"), "purpose": .string("test")])
        let document = try NitroAttester(transport: nsm).attest(
            userData: runtime.reportData(for: .sha512), nonce: Array("n-0123456789".utf8), publicKey: [4, 5, 6])
        let context = VerificationContext(
            asOf: Self.now, trustAnchors: [TrustAnchor(name: "test nitro root", derBytes: nsm.rootDER)],
            expectedReportData: .runtimeData(runtime))
        let verdict = try await NitroVerifier().verify(Evidence(tee: .nitro, bytes: document), context: context)
        // Every check holds but the one that names AWS's own root: this chain ends at a test root.
        #expect(verdict.failures.map(\.check) == ["cabundle_root_equals_pinned_root"], "\(verdict.failures)")
        #expect(verdict.claims["user_data"] == .hex(runtime.reportData(for: .sha512)))
        #expect(verdict.claims["nonce"] == .hex(Array("n-0123456789".utf8)))
        #expect(verdict.claims["public_key"] == .hex([4, 5, 6]))
        #expect(verdict.claims["debug"] == .bool(false))

        let other = RuntimeData(json: ["nonce": .string("another")])
        let unbound = try await NitroVerifier().verify(
            Evidence(tee: .nitro, bytes: document),
            context: VerificationContext(
                asOf: Self.now, trustAnchors: context.trustAnchors, expectedReportData: .runtimeData(other)))
        #expect(unbound.failures.map(\.check).contains("report_data_binding"))
    }

    /// Without the test root configured, the same document is refused: the pinned AWS root is the default anchor.
    @Test func aTestRootIsNotTrustedByDefault() async throws {
        let nsm = try SimulatedNSM(now: Self.now)
        let document = try NitroAttester(transport: nsm).attest(userData: [UInt8](repeating: 1, count: 64))
        let verdict = try await NitroVerifier().verify(
            Evidence(tee: .nitro, bytes: document), context: VerificationContext(asOf: Self.now))
        #expect(Set(verdict.failures.map(\.check)).isSuperset(of: ["nitro_root_pinned", "nitro_chain_signatures"]))
    }
}
