import AssayTestSupport
import AttestationCore
import Crypto
import DCAP
import Foundation
import Testing
import X509

/// A quote, its collateral and the instant, all from a fake Intel PKI, ready to verify.
struct Scenario {
    var pki: FakeIntelPKI
    var quote: FakeQuote
    var tcbInfo: FakeTCBInfo
    var qeIdentity: FakeQEIdentity? = FakeQEIdentity()
    var rootCRL: [UInt8]?
    var pckCRL: [UInt8]?
    /// Replaces the TCB signing chain (TCB signing certificate and root) of the collateral.
    var signingChain: [UInt8]?
    var extraCollateral: [CollateralItem] = []
    var asOf = FakeIntelPKI.now
    var partial = false
    /// The root to pin instead of the PKI's own.
    var pinned: TrustAnchor?
    var expectedReportData: ExpectedReportData?

    static let sgxComponents: [UInt8] = [3, 3, 2, 2, 4, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0]

    init(_ kind: FakeQuote.Kind = .td10, pki: FakeIntelPKI? = nil) throws {
        self.pki = try pki ?? FakeIntelPKI()
        quote = FakeQuote(kind)
        tcbInfo = FakeTCBInfo(levels: [FakeTCBInfo.Level(sgx: Self.sgxComponents, pce: 11, status: "UpToDate")])
        if kind == .sgx {
            tcbInfo.id = "SGX"
            qeIdentity?.id = "QE"
        }
    }

    var tee: TEEKind { quote.kind == .sgx ? .sgx : .tdx }

    func context() throws -> VerificationContext {
        VerificationContext(
            asOf: asOf, trustAnchors: [pinned ?? pki.anchor],
            collateral: try pki.collateral(
                tcbInfo: tcbInfo.json, qeIdentity: qeIdentity?.json, rootCRL: rootCRL, pckCRL: pckCRL, signingChain: signingChain)
                + extraCollateral,
            expectedReportData: expectedReportData, allowsPartialCollateral: partial)
    }

    func verify(with verifier: DCAPVerifier? = nil) async throws -> Verdict {
        try await (verifier ?? DCAPVerifier(tee: tee)).verify(Evidence(tee: tee, bytes: try quote.bytes(pki: pki)), context: try context())
    }
}

extension Verdict {
    var failedChecks: [String] { failures.map(\.check) }
    var status: String? { claims["tcb_status"]?.stringValue }
}

@Suite struct SyntheticVerificationTests {
    @Test(arguments: [FakeQuote.Kind.sgx, .td10, .td15])
    func genuineQuoteVerifies(kind: FakeQuote.Kind) async throws {
        let verdict = try await Scenario(kind).verify()
        #expect(verdict.failures.isEmpty, "\(verdict.failures)")
        #expect(verdict.status == "UpToDate")
        #expect(verdict.claims["qe_tcb_status"] == "UpToDate")
        #expect(verdict.claims["fmspc"] == "50806f000000")
        for check in ["quote_signature", "qe_report_signature", "pck_root_pinned", "pck_crl_signature", "pck_not_revoked",
                      "root_crl_signature", "tcb_info_signature", "tcb_info_issuer_root_pinned", "qe_identity_signature",
                      "qe_identity_matches_qe_report", "tcb_info_validity", "qe_identity_validity"] {
            #expect(verdict.passedChecks.contains(check), "\(check) did not run")
        }
    }

    @Test func tamperedQuoteBodyFailsTheQuoteSignature() async throws {
        let scenario = try Scenario()
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        bytes[48 + 136] ^= 1  // MRTD
        let verdict = try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: bytes), context: try scenario.context())
        #expect(verdict.failedChecks == ["quote_signature"])
    }

    @Test func qeReportSignatureIsChecked() async throws {
        let scenario = try Scenario()
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        bytes[48 + TDReportBody.length10 + 4 + 128 + 6 + 384] ^= 1  // first byte of the QE report signature
        let verdict = try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: bytes), context: try scenario.context())
        #expect(verdict.failedChecks == ["qe_report_signature"])
    }

    @Test func chainOfAnotherRootWithTheSameNameIsNotPinned() async throws {
        let scenario = try Scenario()
        let foreign = try scenario.quote.bytes(pki: try FakeIntelPKI())
        let verdict = try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: foreign), context: try scenario.context())
        #expect(verdict.failedChecks.contains("pck_root_pinned"))
        #expect(verdict.failedChecks.contains("pck_crl_signature"))
        #expect(!verdict.passedChecks.contains("pck_root_pinned"))
    }

    @Test func brokenQEReportDataBindingFails() async throws {
        var scenario = try Scenario()
        scenario.quote.corruptQEReportData = true
        let verdict = try await scenario.verify()
        #expect(verdict.failedChecks == ["qe_report_data_binds_attestation_key"])
    }

    @Test func revokedPCKAndIntermediateFail() async throws {
        var scenario = try Scenario()
        scenario.pckCRL = try scenario.pki.pckCRL(revoked: [[0x77]])
        #expect(try await scenario.verify().failedChecks == ["pck_not_revoked"])
        scenario.pckCRL = nil
        scenario.rootCRL = try scenario.pki.rootCRL(revoked: [[2]])
        #expect(try await scenario.verify().failedChecks == ["pck_intermediate_not_revoked"])
        scenario.rootCRL = try scenario.pki.rootCRL(revoked: [[3]])
        #expect(Set(try await scenario.verify().failedChecks) == ["tcb_info_issuer_not_revoked", "qe_identity_issuer_not_revoked"])
    }

    @Test func crlSignedByAnotherKeyOrExpiredFails() async throws {
        var scenario = try Scenario()
        scenario.pckCRL = try scenario.pki.pckCRL(key: P256.Signing.PrivateKey())
        #expect(try await scenario.verify().failedChecks == ["pck_crl_signature"])
        scenario.pckCRL = try scenario.pki.pckCRL(
            from: FakeIntelPKI.now.addingTimeInterval(-40 * FakeIntelPKI.day), to: FakeIntelPKI.now.addingTimeInterval(-10 * FakeIntelPKI.day))
        let verdict = try await scenario.verify()
        #expect(verdict.failedChecks == ["pck_crl_validity"])
        #expect(verdict.failures.first?.observed.contains("expired") == true)
    }

    @Test func tcbInfoSignedByAnotherKeyFails() async throws {
        var scenario = try Scenario()
        let forged = try scenario.pki.envelope("tcbInfo", scenario.tcbInfo.json, key: P256.Signing.PrivateKey())
        scenario.tcbInfo.fmspc = [9, 9, 9, 9, 9, 9]  // the genuine document no longer applies
        scenario.extraCollateral = [CollateralItem(source: "forged.json", bytes: forged)]
        let verdict = try await scenario.verify()
        #expect(verdict.failedChecks == ["tcb_info_signature"])
    }

    @Test func editedTCBInfoFailsItsSignature() async throws {
        var scenario = try Scenario()
        scenario.tcbInfo.levels[0].status = "OutOfDate"
        let original = try scenario.pki.envelope("tcbInfo", scenario.tcbInfo.json)
        let edited = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"OutOfDate\"", with: "\"UpToDate\"")
        scenario.tcbInfo.fmspc = [9, 9, 9, 9, 9, 9]
        scenario.extraCollateral = [CollateralItem(source: "edited.json", bytes: Array(edited.utf8))]
        let verdict = try await scenario.verify()
        #expect(verdict.failedChecks == ["tcb_info_signature"])
        #expect(verdict.status == "UpToDate")  // the claim is computed, the verdict rejects it
    }

    @Test func prettyPrintedTCBInfoVerifiesOverTheCompactForm() async throws {
        var scenario = try Scenario()
        let compact = String(decoding: try scenario.pki.envelope("tcbInfo", scenario.tcbInfo.json), as: UTF8.self)
        let pretty = compact.replacingOccurrences(of: ",\"", with: ",\n    \"").replacingOccurrences(of: "{\"", with: "{\n  \"")
        scenario.tcbInfo.fmspc = [9, 9, 9, 9, 9, 9]
        scenario.extraCollateral = [CollateralItem(source: "pretty.json", bytes: Array(pretty.utf8))]
        let verdict = try await scenario.verify()
        #expect(verdict.failures.isEmpty, "\(verdict.failures)")
        #expect(verdict.notes.contains { $0.contains("pretty-printed") })
    }

    @Test func collateralOutsideItsWindowNamesTheDocument() async throws {
        var scenario = try Scenario()
        scenario.asOf = FakeIntelPKI.now.addingTimeInterval(35 * FakeIntelPKI.day)
        scenario.pckCRL = try scenario.pki.pckCRL(to: FakeIntelPKI.now.addingTimeInterval(60 * FakeIntelPKI.day))
        let verdict = try await scenario.verify()
        #expect(Set(verdict.failedChecks) == ["tcb_info_validity", "qe_identity_validity"])
        let tcb = try #require(verdict.failures.first { $0.check == "tcb_info_validity" })
        #expect(tcb.expected.contains("TDX TCB info for FMSPC 50806f000000"))
        #expect(tcb.observed.contains("expired"))
        scenario.asOf = FakeIntelPKI.now.addingTimeInterval(-2 * FakeIntelPKI.day)
        let early = try await scenario.verify()
        #expect(early.failures.contains { $0.check == "tcb_info_validity" && $0.observed.contains("not yet valid") })
    }

    @Test func expiredPCKCertificateFails() async throws {
        let pki = try FakeIntelPKI(pckValidity: FakeIntelPKI.now.addingTimeInterval(-100 * FakeIntelPKI.day)...FakeIntelPKI.now.addingTimeInterval(-FakeIntelPKI.day))
        let verdict = try await Scenario(pki: pki).verify()
        #expect(verdict.failedChecks == ["pck_chain_validity"])
    }

    /// A keyUsage extension that does not parse (an OCTET STRING where a BIT STRING belongs, or a truncated one)
    /// fails closed: the PCK Platform CA may not sign, as it would for a keyUsage without keyCertSign.
    @Test(arguments: [[0x04, 0x02, 0x01, 0x06], [0x03, 0x05, 0x01], [0x30, 0x00]])
    func malformedKeyUsageOfTheIssuerFailsClosed(keyUsage: [UInt8]) async throws {
        let verdict = try await Scenario(pki: try FakeIntelPKI(pckCAKeyUsage: keyUsage)).verify()
        #expect(verdict.failedChecks == ["pck_chain_ca_constraints"])
        #expect(verdict.failures.first?.observed.contains("malformed keyUsage") == true, "\(verdict.failures)")
    }

    @Test func unpinnedRootFails() async throws {
        let scenario = try Scenario()
        var context = try scenario.context()
        context.trustAnchors = [try FakeIntelPKI().anchor]
        let verdict = try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: context)
        #expect(verdict.failedChecks.contains("pck_root_pinned"))
        #expect(verdict.failedChecks.contains("tcb_info_issuer_root_pinned"))
    }

    @Test func qeIdentityMismatchFails() async throws {
        var scenario = try Scenario()
        scenario.qeIdentity?.mrSigner = [UInt8](repeating: 0x01, count: 32)
        let verdict = try await scenario.verify()
        #expect(verdict.failedChecks == ["qe_identity_matches_qe_report"])
        #expect(verdict.failures.first?.observed.contains("MRSIGNER") == true)
    }

    @Test func reissuedSigningCertificateValidAtTheInstantIsChosen() async throws {
        var scenario = try Scenario(
            pki: try FakeIntelPKI(tcbSigningValidity: FakeIntelPKI.now.addingTimeInterval(-400 * FakeIntelPKI.day)...FakeIntelPKI.now.addingTimeInterval(-FakeIntelPKI.day)))
        #expect(try await scenario.verify().failedChecks.contains("tcb_info_issuer_chain_validity"))
        // The same key and serial, re-issued with a new validity: both certificates are at hand.
        let pki = scenario.pki
        let reissued = try FakeIntelPKI.signingCertificate(
            key: pki.tcbKey.publicKey,
            validity: FakeIntelPKI.now.addingTimeInterval(-10 * FakeIntelPKI.day)...FakeIntelPKI.now.addingTimeInterval(3000 * FakeIntelPKI.day),
            issuerKey: pki.rootKey)
        scenario.extraCollateral = [CollateralItem(source: "reissued.pem", bytes: try FakeIntelPKI.pem([reissued]))]
        let verdict = try await scenario.verify()
        #expect(verdict.failures.isEmpty, "\(verdict.failures)")
    }

    @Test func missingCollateralThrowsUnlessPartialIsAllowed() async throws {
        var scenario = try Scenario()
        scenario.qeIdentity = nil
        await #expect(throws: DCAPError.self) { try await scenario.verify() }
        do {
            _ = try await scenario.verify()
        } catch let error as DCAPError {
            #expect("\(error)".contains("TD_QE identity"))
            #expect("\(error)".contains("/tdx/certification/v4/qe/identity"))
        }
        scenario.partial = true
        let verdict = try await scenario.verify()
        #expect(verdict.isValid)
        #expect(verdict.claims["qe_tcb_status"] == nil)
        #expect(verdict.notes.contains { $0.contains("TD_QE identity (or its issuer chain) not supplied") })
    }

    @Test func unsupportedCertificationDataTypeIsAClearError() async throws {
        var scenario = try Scenario()
        scenario.quote.certificationType = 3
        await #expect(throws: DCAPError.unsupportedCertificationData(type: 3)) { try await scenario.verify() }
        #expect("\(DCAPError.unsupportedCertificationData(type: 3))".contains("RSA-3072"))
    }

    @Test func trailingBytesAreReportedNotSigned() async throws {
        var scenario = try Scenario()
        scenario.quote.trailing = [1, 2, 3]
        let verdict = try await scenario.verify()
        #expect(verdict.isValid)
        #expect(verdict.notes.contains { $0.hasPrefix("3 bytes follow") })
    }

    @Test func reportDataBindingIsChecked() async throws {
        let scenario = try Scenario()
        var context = try scenario.context()
        context.expectedReportData = .exact([UInt8](repeating: 0x5A, count: 64))
        let bytes = try scenario.quote.bytes(pki: scenario.pki)
        #expect(try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: bytes), context: context).passedChecks.contains("report_data_binding"))
        context.expectedReportData = .exact([1])
        #expect(try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: bytes), context: context).failedChecks == ["report_data_binding"])
    }

    @Test func quoteForAnotherTEEIsRejected() async throws {
        let scenario = try Scenario(.sgx)
        await #expect(throws: DCAPError.wrongTEE(expected: .tdx, found: .sgx)) {
            try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: try scenario.context())
        }
    }
}
