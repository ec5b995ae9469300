import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// Collateral as operators hold it: a shuffled pile of TCB infos, QE identities and CRLs for several FMSPCs and
/// dates. For each role the verifier picks the document that matches (FMSPC, TEE, issuer) and is in force at the
/// instant, says which, and treats "none in force" like "missing" under `--partial-collateral`.
@Suite struct CollateralPileTests {
    static let (now, day) = (FakeIntelPKI.now, FakeIntelPKI.day)
    static let fmspcs: [[UInt8]] = [[0x50, 0x80, 0x6f, 0, 0, 0], [0x00, 0x90, 0x6e, 0xd5, 0, 0], [0x20, 0xa0, 0x6f, 0, 0, 0]]
    /// Three generations of documents: half a year ago, in force now, and from 60 days on (a gap from day 29 to 60).
    static let windows: [(from: TimeInterval, until: TimeInterval, evaluation: Int)] = [
        (-200, -170, 15), (-1, 29, 17), (60, 90, 18),
    ]

    /// The pile: for every FMSPC and window a TDX TCB info (and an SGX one for the platform's FMSPC), a TD_QE and a
    /// QE identity per window, and the PCK and root CRLs per window, shuffled with a fixed seed.
    static func pile(_ scenario: Scenario) throws -> [CollateralItem] {
        let pki = scenario.pki
        var items: [CollateralItem] = [CollateralItem(source: "signing-chain.pem", bytes: try pki.signingChainPEM())]
        for (index, window) in windows.enumerated() {
            let from = now.addingTimeInterval(window.from * day)
            let until = now.addingTimeInterval(window.until * day)
            for fmspc in fmspcs {
                var info = scenario.tcbInfo
                (info.fmspc, info.issueDate, info.nextUpdate, info.evaluationDataNumber) = (fmspc, from, until, window.evaluation)
                items.append(CollateralItem(source: "tcbinfo-\(Hex.encode(fmspc))-\(index).json", bytes: try pki.envelope("tcbInfo", info.json)))
            }
            var sgx = scenario.tcbInfo
            (sgx.id, sgx.issueDate, sgx.nextUpdate, sgx.evaluationDataNumber) = ("SGX", from, until, window.evaluation)
            items.append(CollateralItem(source: "tcbinfo-sgx-\(index).json", bytes: try pki.envelope("tcbInfo", sgx.json)))
            for id in ["TD_QE", "QE"] {
                var identity = try #require(scenario.qeIdentity)
                (identity.id, identity.issueDate, identity.nextUpdate) = (id, from, until)
                items.append(CollateralItem(source: "qe-\(id)-\(index).json", bytes: try pki.envelope("enclaveIdentity", identity.json)))
            }
            items.append(CollateralItem(source: "pck-\(index).crl", bytes: try pki.pckCRL(from: from, to: until)))
            items.append(CollateralItem(source: "root-\(index).crl", bytes: try pki.rootCRL(from: from, to: until)))
        }
        var generator = SplitMix64(state: 0x5EED)
        return items.shuffled(using: &generator)
    }

    static func verify(at offset: TimeInterval, partial: Bool = false) async throws -> Verdict {
        let scenario = try Scenario()
        let context = VerificationContext(
            asOf: now.addingTimeInterval(offset * day), trustAnchors: [scenario.pki.anchor],
            collateral: try pile(scenario), allowsPartialCollateral: partial)
        return try await DCAPVerifier(tee: .tdx).verify(
            Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: context)
    }

    @Test func theDocumentsInForceNowAreChosenAndNamed() async throws {
        let verdict = try await Self.verify(at: 0)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["tcb_evaluation_data_number"] == 17)
        let chosen = verdict.notes.filter { $0.contains("chose") }
        #expect(chosen.count == 4, "\(verdict.notes)")
        #expect(chosen.contains { $0.contains("tcbinfo-50806f000000-1.json") && $0.contains("among 3") })
        #expect(chosen.contains { $0.contains("qe-TD_QE-1.json") })
    }

    @Test func halfAYearAgoTheOldGenerationIsChosen() async throws {
        let verdict = try await Self.verify(at: -180)
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["tcb_evaluation_data_number"] == 15)
        #expect(verdict.notes.contains { $0.contains("tcbinfo-50806f000000-0.json") })
    }

    /// Day 40 falls between two generations: without partial collateral the nearest documents are used and their
    /// validity checks fail naming their windows; with it, every role without a document in force is skipped with
    /// a note, exactly as a missing document is, and the quote verifies.
    @Test func aGapFailsNamingTheWindowOrIsSkippedWithPartialCollateral() async throws {
        let strict = try await Self.verify(at: 40)
        #expect(
            Set(strict.failures.map(\.check)) == ["tcb_info_validity", "qe_identity_validity", "pck_crl_validity", "root_crl_validity"],
            "\(strict.failures)")
        let tcb = try #require(strict.failures.first { $0.check == "tcb_info_validity" })
        #expect(tcb.observed.contains("expired") && tcb.observed.contains(RFC3339.format(Self.now.addingTimeInterval(29 * Self.day))))
        let partial = try await Self.verify(at: 40, partial: true)
        #expect(partial.isValid, "\(partial.failures)")
        #expect(partial.claims["tcb_status"] == nil)
        let skipped = partial.notes.filter { $0.contains("none of the") && $0.contains("in force at the verification instant") }
        #expect(skipped.count == 4, "\(partial.notes)")
    }
}
