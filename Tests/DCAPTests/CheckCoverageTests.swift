import AttestationCore
import Crypto
import DCAP
import Foundation
import Testing
import X509

/// One way to break one verifier check with the fake Intel PKI, and exactly which checks must fail then.
struct Breakage: Sendable, CustomStringConvertible {
    let check: String
    let failing: Set<String>
    let kind: FakeQuote.Kind
    let setup: @Sendable (inout Scenario) throws -> Void
    let mutate: @Sendable (inout [UInt8]) -> Void

    init(
        _ check: String, failing: Set<String>? = nil, kind: FakeQuote.Kind = .td10,
        setup: @escaping @Sendable (inout Scenario) throws -> Void = { _ in },
        mutate: @escaping @Sendable (inout [UInt8]) -> Void = { _ in }
    ) {
        self.check = check
        self.failing = failing ?? [check]
        self.kind = kind
        self.setup = setup
        self.mutate = mutate
    }

    var description: String { check }

    /// Both issuer-chain checks of the two signed documents, which share the TCB signing chain.
    static func documents(_ suffix: String) -> Set<String> { ["tcb_info_\(suffix)", "qe_identity_\(suffix)"] }

    /// A TCB signing certificate for the scenario's signing key, issued under `issuer` by `issuerKey`.
    static func signingCertificate(
        _ scenario: Scenario, issuer: DistinguishedName = FakeIntelPKI.rootName, issuerKey: P256.Signing.PrivateKey
    ) throws -> Certificate {
        try FakeIntelPKI.signingCertificate(
            key: scenario.pki.tcbKey.publicKey,
            validity: FakeIntelPKI.now.addingTimeInterval(-FakeIntelPKI.day)...FakeIntelPKI.now.addingTimeInterval(3650 * FakeIntelPKI.day),
            issuer: issuer, issuerKey: issuerKey)
    }

    static let day = FakeIntelPKI.day
    static let now = FakeIntelPKI.now

    /// Every check the verifier records for a quote without an event log, each broken on its own.
    static let all: [Breakage] = [
        Breakage("qe_vendor_id", setup: { $0.quote.qeVendorID = [UInt8](repeating: 1, count: 16) }),
        Breakage(
            "attestation_key_on_curve", failing: ["attestation_key_on_curve", "quote_signature"],
            setup: { $0.quote.writtenAttestationKey = [UInt8](repeating: 1, count: 64) }),
        Breakage("quote_signature", mutate: { $0[48 + 136] ^= 1 }),  // MRTD
        Breakage("quote_signature", kind: .sgx, mutate: { $0[48 + 64] ^= 1 }),  // MRENCLAVE
        Breakage("qe_report_signature", mutate: { $0[48 + TDReportBody.length10 + 4 + 128 + 6 + 384] ^= 1 }),
        Breakage("qe_report_data_binds_attestation_key", setup: { $0.quote.corruptQEReportData = true }),
        Breakage("pck_certificate_subject", setup: {
            $0.pki = try FakeIntelPKI(pckSubject: try DistinguishedName { CommonName("Intel SGX TCB Signing") })
        }),
        Breakage("pck_root_pinned", failing: ["pck_root_pinned", "tcb_info_issuer_root_pinned", "qe_identity_issuer_root_pinned", "root_crl_signature"], setup: {
            // Another root with Intel's name is pinned: neither chain ends at it, and the root CRL is not its.
            $0.pinned = try FakeIntelPKI().anchor
        }),
        Breakage("pck_chain_signatures", setup: { $0.pki = try FakeIntelPKI(pckCASignedBy: P256.Signing.PrivateKey()) }),
        Breakage("pck_chain_validity", setup: {
            $0.pki = try FakeIntelPKI(pckValidity: now.addingTimeInterval(-100 * day)...now.addingTimeInterval(-day))
        }),
        Breakage("pck_chain_ca_constraints", setup: { $0.pki = try FakeIntelPKI(pckCAIsCA: false) }),
        Breakage("root_crl_signature", setup: { $0.rootCRL = try $0.pki.rootCRL(key: P256.Signing.PrivateKey()) }),
        Breakage("root_crl_validity", setup: {
            $0.rootCRL = try $0.pki.rootCRL(from: now.addingTimeInterval(-400 * day), to: now.addingTimeInterval(-day))
        }),
        Breakage("pck_intermediate_not_revoked", setup: { $0.rootCRL = try $0.pki.rootCRL(revoked: [[2]]) }),
        Breakage("pck_crl_signature", setup: { $0.pckCRL = try $0.pki.pckCRL(key: P256.Signing.PrivateKey()) }),
        Breakage("pck_crl_validity", setup: { $0.pckCRL = try $0.pki.pckCRL(from: now.addingTimeInterval(day), to: now.addingTimeInterval(30 * day)) }),
        Breakage("pck_not_revoked", setup: { $0.pckCRL = try $0.pki.pckCRL(revoked: [[0x77]]) }),
        Breakage("tcb_info_signature", setup: {
            $0.extraCollateral = [CollateralItem(source: "forged.json", bytes: try $0.pki.envelope("tcbInfo", $0.tcbInfo.json, key: P256.Signing.PrivateKey()))]
            $0.tcbInfo.fmspc = [9, 9, 9, 9, 9, 9]  // the genuine document no longer applies
        }),
        Breakage("tcb_info_validity", setup: { $0.tcbInfo.nextUpdate = now.addingTimeInterval(-1) }),
        Breakage("tcb_info_pce_id_matches_pck", setup: { $0.tcbInfo.pceID = "0100" }),
        Breakage("tcb_info_issuer_root_pinned", failing: documents("issuer_root_pinned"), setup: {
            let stranger = try FakeIntelPKI()
            let certificate = try signingCertificate($0, issuerKey: stranger.rootKey)
            $0.signingChain = try FakeIntelPKI.pem([certificate, stranger.root])
        }),
        Breakage("tcb_info_issuer_chain_signatures", failing: documents("issuer_chain_signatures"), setup: {
            $0.signingChain = try FakeIntelPKI.pem([try signingCertificate($0, issuerKey: P256.Signing.PrivateKey()), $0.pki.root])
        }),
        Breakage("tcb_info_issuer_chain_validity", failing: documents("issuer_chain_validity"), setup: {
            $0.pki = try FakeIntelPKI(tcbSigningValidity: now.addingTimeInterval(-400 * day)...now.addingTimeInterval(-day))
        }),
        Breakage("tcb_info_issuer_chain_ca_constraints", failing: documents("issuer_chain_ca_constraints"), setup: {
            // The signing certificate issued by an intermediate that is not a CA.
            let intermediateKey = P256.Signing.PrivateKey()
            let intermediateName = try DistinguishedName { CommonName("Intel SGX TCB Signing CA") }
            let intermediate = try FakeIntelPKI.certificate(
                key: intermediateKey.publicKey, issuerKey: $0.pki.rootKey, issuer: FakeIntelPKI.rootName, subject: intermediateName,
                serial: 4, validity: now.addingTimeInterval(-day)...now.addingTimeInterval(3650 * day),
                extensions: try .init { Critical(BasicConstraints.notCertificateAuthority) })
            let certificate = try signingCertificate($0, issuer: intermediateName, issuerKey: intermediateKey)
            $0.signingChain = try FakeIntelPKI.pem([certificate, intermediate, $0.pki.root])
        }),
        Breakage("tcb_info_issuer_not_revoked", failing: documents("issuer_not_revoked"), setup: {
            $0.rootCRL = try $0.pki.rootCRL(revoked: [[3]])
        }),
        Breakage("qe_identity_signature", setup: {
            let json = try #require($0.qeIdentity).json
            $0.extraCollateral = [CollateralItem(source: "forged.json", bytes: try $0.pki.envelope("enclaveIdentity", json, key: P256.Signing.PrivateKey()))]
            $0.qeIdentity = nil
        }),
        Breakage("qe_identity_validity", setup: { $0.qeIdentity?.issueDate = now.addingTimeInterval(1) }),
        Breakage("qe_identity_matches_qe_report", setup: { $0.qeIdentity?.mrSigner = [UInt8](repeating: 1, count: 32) }),
        Breakage("qe_identity_matches_qe_report", kind: .sgx, setup: { $0.qeIdentity?.prodID = 3 }),
        Breakage("tdx_module_identity", setup: { $0.tcbInfo.moduleIdentities = [("TDX_02", [(1, "UpToDate")])] }),
        Breakage("tdx_module_identity", kind: .td15, setup: { $0.quote.seamAttributes = [1, 0, 0, 0, 0, 0, 0, 0] }),
        Breakage("tcb_status_not_revoked", setup: { $0.tcbInfo.levels[0].status = "Revoked" }),
        Breakage("tcb_status_not_revoked", kind: .sgx, setup: { $0.qeIdentity?.levels = [(8, "Revoked")] }),
        Breakage("report_data_binding", setup: { $0.expectedReportData = .exact([UInt8](repeating: 0x5B, count: 64)) }),
    ]
}

/// Each check of ``DCAPVerifier`` fails on its own when exactly its condition is broken (fake Intel PKI from fresh
/// keys), and every check a genuine quote passes is broken by at least one of these cases.
@Suite struct CheckCoverageTests {
    @Test(arguments: Breakage.all)
    func breakingOneConditionFailsExactlyItsChecks(_ breakage: Breakage) async throws {
        var scenario = try Scenario(breakage.kind)
        try breakage.setup(&scenario)
        var bytes = try scenario.quote.bytes(pki: scenario.pki)
        breakage.mutate(&bytes)
        let verdict = try await DCAPVerifier(tee: scenario.tee).verify(Evidence(tee: scenario.tee, bytes: bytes), context: try scenario.context())
        #expect(Set(verdict.failedChecks) == breakage.failing, "\(breakage.check): \(verdict.failures)")
        for failure in verdict.failures {
            #expect(!failure.expected.isEmpty && !failure.observed.isEmpty, "\(failure.check) says nothing")
        }
    }

    @Test(arguments: [FakeQuote.Kind.sgx, .td10, .td15])
    func everyCheckOfAGenuineQuoteHasACaseThatBreaksIt(kind: FakeQuote.Kind) async throws {
        var scenario = try Scenario(kind)
        scenario.expectedReportData = .exact(scenario.quote.reportData)
        let verdict = try await scenario.verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        let broken = Set(Breakage.all.flatMap(\.failing))
        let unbroken = Set(verdict.passedChecks).subtracting(broken)
        #expect(unbroken.isEmpty, "checks no case breaks: \(unbroken.sorted())")
        #expect(verdict.passedChecks.count >= (kind == .sgx ? 28 : 29))
    }
}
