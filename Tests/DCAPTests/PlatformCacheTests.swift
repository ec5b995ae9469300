import AssayTestSupport
import AttestationCore
import Crypto
import DCAP
import Foundation
import Testing

/// One verifier (one cache) across quotes, instants and collateral: a cached collateral half is reused only for
/// the same platform, collateral and validity at the instant, and a failing half is never reused.
///
/// Collateral and quotes are made once per case here: the fake PKI signs with randomised ECDSA, so remaking them
/// would change their bytes and miss the cache.
@Suite struct PlatformCacheTests {
    struct Fixture {
        let verifier = DCAPVerifier(tee: .tdx)
        var scenario: Scenario
        var context: VerificationContext
        var quote: [UInt8]

        init(_ scenario: Scenario) throws {
            self.scenario = scenario
            context = try scenario.context()
            quote = try scenario.quote.bytes(pki: scenario.pki)
        }

        func verify(at instant: Date = FakeIntelPKI.now) async throws -> Verdict {
            var context = context
            context.asOf = instant
            return try await verifier.verify(Evidence(tee: .tdx, bytes: quote), context: context)
        }
    }

    static let day = FakeIntelPKI.day
    static let now = FakeIntelPKI.now

    @Test func aPlatformSeenBeforeIsServedFromTheCacheWhileEveryDocumentStaysValid() async throws {
        let fixture = try Fixture(try Scenario())
        #expect(try await fixture.verify().isValid)
        #expect(fixture.verifier.cache.platformCount == 1)
        let again = try await fixture.verify(at: Self.now.addingTimeInterval(Self.day))
        #expect(again.isValid && again.status == "UpToDate" && again.passedChecks.contains("tcb_info_validity"))
        #expect(fixture.verifier.cache.platformCount == 1, "the same validity at another instant is a cache hit")
    }

    @Test func anInstantOutsideTheWindowIsNotServedFromTheCache() async throws {
        let fixture = try Fixture(try Scenario())
        #expect(try await fixture.verify().isValid)
        let late = Self.now.addingTimeInterval(35 * Self.day)
        let expired = try await fixture.verify(at: late)
        #expect(expired.failures.map(\.check).contains("tcb_info_validity"))
        #expect(expired.failures.contains { $0.expected.contains(RFC3339.format(late)) })
        let later = Self.now.addingTimeInterval(36 * Self.day)
        let again = try await fixture.verify(at: later)
        #expect(again.failures.contains { $0.expected.contains(RFC3339.format(later)) }, "a failing half was reused")
        let back = try await fixture.verify(at: Self.now.addingTimeInterval(Self.day))
        #expect(back.isValid, "\(back.failures)")
    }

    @Test func anotherQuotingEnclaveOrTDXModuleGetsItsOwnStatus() async throws {
        var scenario = try Scenario()
        scenario.tcbInfo.moduleIdentities = [("TDX_01", [(6, "UpToDate"), (3, "OutOfDate")])]
        var fixture = try Fixture(scenario)
        #expect(try await fixture.verify().status == "UpToDate")
        fixture.scenario.quote.qeISVSVN = 7
        fixture.quote = try fixture.scenario.quote.bytes(pki: scenario.pki)
        let oldQE = try await fixture.verify()
        #expect(oldQE.claims["qe_tcb_status"] == "OutOfDate" && oldQE.status == "OutOfDate")
        fixture.scenario.quote.qeISVSVN = 8
        fixture.scenario.quote.teeTCBSVN = [3, 1, 3] + [UInt8](repeating: 0, count: 13)
        fixture.quote = try fixture.scenario.quote.bytes(pki: scenario.pki)
        let oldModule = try await fixture.verify()
        #expect(oldModule.claims["tdx_module"]?["tcb_status"] == "OutOfDate" && oldModule.status == "OutOfDate")
        #expect(fixture.verifier.cache.platformCount == 3)
    }

    @Test func otherCollateralIsNotServedFromTheCache() async throws {
        var fixture = try Fixture(try Scenario())
        #expect(try await fixture.verify().isValid)
        var revoked = fixture.scenario
        revoked.pckCRL = try revoked.pki.pckCRL(revoked: [[0x77]])
        fixture.context = try revoked.context()
        #expect(try await fixture.verify().failures.map(\.check) == ["pck_not_revoked"])
        var downgraded = fixture.scenario
        downgraded.tcbInfo.levels[0].status = "SWHardeningNeeded"
        fixture.context = try downgraded.context()
        #expect(try await fixture.verify().status == "SWHardeningNeeded")
    }

    @Test func theQuoteHalfIsCheckedForEveryQuote() async throws {
        var fixture = try Fixture(try Scenario())
        #expect(try await fixture.verify().isValid)
        fixture.quote[48 + 136] ^= 1  // MRTD
        let tampered = try await fixture.verify()
        #expect(tampered.failures.map(\.check) == ["quote_signature"])
        #expect(tampered.claims["tcb_status"] == "UpToDate")
        #expect(fixture.verifier.cache.platformCount == 1)
    }

    @Test func aReissuedSigningCertificateIsChosenPerInstant() async throws {
        // The TCB signing certificate of the PKI is valid until a day before `now`; the re-issued one from ten days
        // before `now`. Both verify the collateral: the verdict depends on which is valid at the instant.
        let expiring = Self.now.addingTimeInterval(-400 * Self.day)...Self.now.addingTimeInterval(-Self.day)
        var scenario = try Scenario(pki: try FakeIntelPKI(tcbSigningValidity: expiring))
        scenario.tcbInfo.issueDate = Self.now.addingTimeInterval(-20 * Self.day)
        scenario.qeIdentity?.issueDate = Self.now.addingTimeInterval(-20 * Self.day)
        let reissued = try FakeIntelPKI.signingCertificate(
            key: scenario.pki.tcbKey.publicKey, validity: Self.now.addingTimeInterval(-10 * Self.day)...Self.now.addingTimeInterval(3000 * Self.day),
            issuerKey: scenario.pki.rootKey)
        scenario.extraCollateral = [CollateralItem(source: "reissued.pem", bytes: try FakeIntelPKI.pem([reissued]))]
        scenario.pckCRL = try scenario.pki.pckCRL(from: Self.now.addingTimeInterval(-20 * Self.day))
        scenario.rootCRL = try scenario.pki.rootCRL(from: Self.now.addingTimeInterval(-20 * Self.day))
        let fixture = try Fixture(scenario)
        for instant in [Self.now, Self.now.addingTimeInterval(-15 * Self.day), Self.now.addingTimeInterval(-5 * Self.day)] {
            let verdict = try await fixture.verify(at: instant)
            #expect(verdict.isValid, "\(RFC3339.format(instant)): \(verdict.failures)")
        }
        #expect(fixture.verifier.cache.platformCount == 3)
    }
}
