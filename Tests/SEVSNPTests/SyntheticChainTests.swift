import AttestationCore
import Crypto
import Foundation
import SEVSNP
import Testing

/// Each verifier check broken on its own, with a fake AMD PKI from fresh keys (so the logic is tested without the
/// shared vectors): the baseline verifies, every variant fails exactly the check it targets.
@Suite struct SyntheticChainTests {
    static let milanTCB: [Int: Int] = [1: 3, 2: 0, 3: 8, 4: 0, 5: 0, 6: 0, 7: 0, 8: 115]
    static let pki: Result<FakeAMD, any Error> = Result { try FakeAMD() }
    static let vlekPKI: Result<FakeAMD, any Error> = Result {
        let milan = try pki.get()
        return try FakeAMD(vlek: true, keys: (milan.arkKey, try FakeAMD.rsaKey()))
    }

    struct Case {
        var report: AttestationReport
        var collateral: [[UInt8]]
        var anchors: [TrustAnchor]
        var asOf = FakeAMD.asOf
        var expected: ExpectedReportData?

        func verify() async throws -> Verdict {
            try await SEVSNPVerifier().verify(
                Evidence(tee: .snp, bytes: report.bytes),
                context: VerificationContext(
                    asOf: asOf, trustAnchors: anchors,
                    collateral: collateral.enumerated().map { CollateralItem(source: "item \($0.offset)", bytes: $0.element) },
                    expectedReportData: expected))
        }
    }

    /// A valid Milan report with its VCEK and chain.
    static func baseline(key: P384.Signing.PrivateKey = P384.Signing.PrivateKey()) throws -> Case {
        let pki = try pki.get()
        let vcek = try pki.endorsementKey(key: key, hwid: FakeReport.chipID, tcb: milanTCB)
        return Case(report: try FakeReport.make(key: key), collateral: [vcek, pki.chainPEM], anchors: [pki.anchor])
    }

    static func failures(_ verdict: Verdict) -> Set<String> { Set(verdict.failures.map(\.check)) }

    @Test func baselineVerifies() async throws {
        let verdict = try await Self.baseline().verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.passedChecks.contains("amd_chain_signatures"))
        #expect(verdict.claims["generation"] == "Milan")
        #expect(verdict.claims["endorsement"]?["kind"] == "vcek")
    }

    @Test func vcekOfAnotherChipIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        let otherChip = FakeReport.chipID.map { $0 ^ 0xFF }
        test.collateral[0] = try Self.pki.get().endorsementKey(key: key, hwid: otherChip, tcb: Self.milanTCB)
        #expect(Self.failures(try await test.verify()) == ["vcek_hwid_matches_chip_id"])
    }

    @Test func vcekOfAnotherTCBIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        var tcb = Self.milanTCB
        tcb[3] = 7
        test.collateral[0] = try Self.pki.get().endorsementKey(key: key, hwid: FakeReport.chipID, tcb: tcb)
        #expect(Self.failures(try await test.verify()) == ["vcek_tcb_matches_reported_tcb"])
    }

    @Test func rootOfAnotherGenerationIsRejected() async throws {
        // A Genoa report (CPUID family 19h model 11h) endorsed by a VCEK that says Genoa, under a Milan chain.
        let key = P384.Signing.PrivateKey()
        let pki = try Self.pki.get()
        let vcek = try pki.endorsementKey(key: key, hwid: FakeReport.chipID, tcb: Self.milanTCB, productName: "Genoa")
        let report = try FakeReport.make(key: key, cpuid: CPUID(family: 0x19, model: 0x11, stepping: 1))
        let test = Case(report: report, collateral: [vcek, pki.chainPEM], anchors: [pki.anchor])
        #expect(Self.failures(try await test.verify()) == ["root_generation_matches_report"])
    }

    @Test func certificateOfAnotherGenerationIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.report = try FakeReport.make(key: key, cpuid: CPUID(family: 0x19, model: 0x11, stepping: 1))
        #expect(Self.failures(try await test.verify()) == ["report_generation_matches_cert", "root_generation_matches_report"])
    }

    @Test func forgedSignatureOrAlteredReportIsRejected() async throws {
        var test = try Self.baseline()
        test.report = try FakeReport.make(key: P384.Signing.PrivateKey())
        #expect(Self.failures(try await test.verify()) == ["report_signature"])
    }

    @Test func vcekNotIssuedByTheASKIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.collateral[0] = try Self.pki.get().endorsementKey(
            key: key, hwid: FakeReport.chipID, tcb: Self.milanTCB, signer: try FakeAMD.rsaKey())
        #expect(Self.failures(try await test.verify()) == ["amd_chain_signatures"])
    }

    @Test func unpinnedRootIsRejected() async throws {
        // The chain is signed under a root the verifier does not trust: supplying that root does not help.
        let test = try Self.baseline()
        var untrusted = test
        untrusted.anchors = [try FakeAMD().anchor]
        untrusted.collateral.append(try Self.pki.get().ark.der)
        let failures = Self.failures(try await untrusted.verify())
        #expect(failures.contains("amd_root_pinned") && failures.contains("amd_chain_signatures"))
    }

    @Test func expiredVCEKIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.collateral[0] = try Self.pki.get().endorsementKey(
            key: key, hwid: FakeReport.chipID, tcb: Self.milanTCB, notAfter: FakeAMD.asOf.addingTimeInterval(-1))
        #expect(Self.failures(try await test.verify()) == ["vcek_validity"])
        var early = try Self.baseline()
        early.asOf = FakeAMD.notBefore.addingTimeInterval(-1)
        #expect(Self.failures(try await early.verify()) == ["ark_validity", "ask_validity", "vcek_validity"])
    }

    @Test func revokedVCEKIsRejectedThroughTheASKsCRL() async throws {
        var test = try Self.baseline()
        let pki = try Self.pki.get()
        test.collateral.append(try pki.crl(revoking: [[0x00]], byASK: true))
        #expect(Self.failures(try await test.verify()) == ["vcek_not_revoked"])
    }

    @Test func revokedASKIsRejectedThroughTheARKsCRL() async throws {
        var test = try Self.baseline()
        let pki = try Self.pki.get()
        test.collateral.append(try pki.crl(revoking: [[0x01, 0x00, 0x01]]))
        #expect(Self.failures(try await test.verify()) == ["ask_not_revoked"])
        var clean = try Self.baseline()
        clean.collateral.append(try pki.crl(revoking: [[0x01, 0x00, 0x02]]))
        let verdict = try await clean.verify()
        #expect(verdict.isValid && verdict.passedChecks.contains("ask_not_revoked"))
    }

    @Test func staleOrForgedCRLIsRejected() async throws {
        let pki = try Self.pki.get()
        var stale = try Self.baseline()
        stale.collateral.append(try pki.crl(revoking: [], nextUpdate: FakeAMD.asOf.addingTimeInterval(-1)))
        #expect(Self.failures(try await stale.verify()) == ["crl_current"])
        var forged = try Self.baseline()
        forged.collateral.append(try pki.crl(revoking: [], signer: try FakeAMD.rsaKey()))
        #expect(Self.failures(try await forged.verify()) == ["crl_signature"])
    }

    /// Several CRLs of the ARK, of other dates (one, in the future, revokes the ASK): the one current at the instant
    /// is chosen and named; with only a stale one, partial collateral skips revocation with a note.
    @Test func ofSeveralCRLsOfAnIssuerTheCurrentOneIsChosen() async throws {
        let pki = try Self.pki.get()
        let day: TimeInterval = 86400
        var pile = try Self.baseline()
        pile.collateral += [
            try pki.crl(revoking: [], nextUpdate: FakeAMD.asOf.addingTimeInterval(-day)),
            try pki.crl(revoking: [], thisUpdate: FakeAMD.asOf.addingTimeInterval(-day)),
            try pki.crl(
                revoking: [[0x01, 0x00, 0x01]], thisUpdate: FakeAMD.asOf.addingTimeInterval(10 * day),
                nextUpdate: FakeAMD.asOf.addingTimeInterval(40 * day)),
        ]
        let verdict = try await pile.verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.passedChecks.contains("ask_not_revoked"))
        #expect(verdict.notes.contains { $0.contains("among 3") }, "\(verdict.notes)")

        var stale = try Self.baseline()
        stale.collateral.append(try pki.crl(revoking: [], nextUpdate: FakeAMD.asOf.addingTimeInterval(-day)))
        #expect(Self.failures(try await stale.verify()) == ["crl_current"])
        let partial = try await SEVSNPVerifier().verify(
            Evidence(tee: .snp, bytes: stale.report.bytes),
            context: VerificationContext(
                asOf: stale.asOf, trustAnchors: stale.anchors,
                collateral: stale.collateral.enumerated().map { CollateralItem(source: "item \($0.offset)", bytes: $0.element) },
                allowsPartialCollateral: true))
        #expect(partial.isValid, "\(partial.failures)")
        #expect(!partial.passedChecks.contains("crl_current"))
        #expect(partial.notes.contains { $0.contains("is current at the verification instant") }, "\(partial.notes)")
    }

    @Test func vlekPathVerifies() async throws {
        let key = P384.Signing.PrivateKey()
        let pki = try Self.vlekPKI.get()
        let vlek = try pki.endorsementKey(
            key: key, hwid: nil, tcb: Self.milanTCB, productName: "Milan", cspID: "CN=example-cloud")
        let report = try FakeReport.make(key: key, keyInfo: 1 << 2, chipID: [UInt8](repeating: 0, count: 64))
        let test = Case(report: report, collateral: [vlek, pki.chainPEM], anchors: [pki.anchor])
        let verdict = try await test.verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["signer"] == "vlek")
        #expect(verdict.claims["endorsement"]?["csp_id"] == "CN=example-cloud")
        #expect(!verdict.passedChecks.contains("vcek_hwid_matches_chip_id"))

        var wrongKind = test
        wrongKind.report = try FakeReport.make(key: key, keyInfo: 0, chipID: [UInt8](repeating: 0, count: 64))
        #expect(Self.failures(try await wrongKind.verify()) == ["signing_key_matches_cert_kind"])
    }

    @Test func vlekUnderAnASKIsRejected() async throws {
        let key = P384.Signing.PrivateKey()
        let pki = try Self.pki.get()
        let vlek = try pki.endorsementKey(key: key, hwid: nil, tcb: Self.milanTCB, productName: "Milan", cspID: "CN=x")
        let report = try FakeReport.make(key: key, keyInfo: 1 << 2)
        let test = Case(report: report, collateral: [vlek, pki.chainPEM], anchors: [pki.anchor])
        #expect(Self.failures(try await test.verify()) == ["intermediate_matches_signer"])
    }

    @Test func turinReportWithFMCAndEightByteHardwareIDVerifies() async throws {
        let key = P384.Signing.PrivateKey()
        let pki = try FakeAMD(generation: "Turin")
        var spl = Self.milanTCB
        spl[9] = 2
        spl[4] = nil
        let vcek = try pki.endorsementKey(
            key: key, hwid: Array(FakeReport.chipID.prefix(8)), tcb: spl, productName: "Turin", hwidAsOctetString: true)
        let tcb = TCBVersion(bootloader: 3, tee: 0, snp: 8, microcode: 115, fmc: 2)
        let report = try FakeReport.make(
            key: key, version: 5, cpuid: CPUID(family: 0x1A, model: 0x02, stepping: 0), tcb: tcb, mitigationVectors: true)
        let verdict = try await Case(report: report, collateral: [vcek, pki.chainPEM], anchors: [pki.anchor]).verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["reported_tcb"]?["fmc"] == 2)
        #expect(verdict.claims["endorsement"]?["hwid_encoding"] == "der_octet_string")
        #expect(verdict.claims["launch_mit_vector"] == 3)
    }

    /// Newer firmware: a signed report with PLATFORM_INFO 0x67 (bit 6 set, as genuine Turin reports have) and bits
    /// this build calls reserved verifies; the reserved bits become the claim `reserved_nonzero` and a note.
    @Test func reservedBitsSetByNewerFirmwareVerifyAndAreReported() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.report = try FakeReport.make(key: key, policy: 0x30000 | 1 << 30, platformInfo: 0x67 | 1 << 12)
        let verdict = try await test.verify()
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["platform_info"]?["iommu_write_safe"] == true)
        #expect(verdict.claims["reserved_nonzero"] == .array(["policy bit 30", "platform_info bit 12"]))
        #expect(verdict.notes.contains { $0.contains("policy bit 30, platform_info bit 12") })
    }

    /// A reserved SIGNING_KEY value is read, and no certificate kind matches it: exit 1 naming the check.
    @Test func reservedSigningKeyFailsByName() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.report = try FakeReport.make(key: key, keyInfo: 5 << 2)
        #expect(Self.failures(try await test.verify()) == ["signing_key_matches_cert_kind"])
    }

    @Test func maskedChipIDSkipsOnlyTheHardwareIDComparison() async throws {
        let key = P384.Signing.PrivateKey()
        var test = try Self.baseline(key: key)
        test.report = try FakeReport.make(key: key, keyInfo: 0b10, chipID: [UInt8](repeating: 0, count: 64))
        let verdict = try await test.verify()
        #expect(verdict.isValid && verdict.notes.contains { $0.contains("MASK_CHIP_KEY") })
    }

    @Test func reportDataBinding() async throws {
        var test = try Self.baseline()
        test.expected = .exact([UInt8](repeating: 0x5A, count: 64))
        #expect(try await test.verify().passedChecks.contains("report_data_binding"))
        test.expected = .runtimeData(RuntimeData(json: ["nonce": "n"]))
        #expect(Self.failures(try await test.verify()) == ["report_data_binding"])
    }

    @Test func certificateTableInTheEvidenceIsUsed() async throws {
        let test = try Self.baseline()
        let pki = try Self.pki.get()
        let table = CertificateTable(entries: [
            .init(guid: CertificateTable.Kind.vcek.guid, data: test.collateral[0]),
            .init(guid: CertificateTable.Kind.ask.guid, data: pki.ask.der),
            .init(guid: CertificateTable.Kind.ark.guid, data: pki.ark.der),
        ])
        let evidence = Evidence(tee: .snp, bytes: test.report.bytes + table.serialized)
        let verdict = try await SEVSNPVerifier().verify(
            evidence, context: VerificationContext(asOf: FakeAMD.asOf, trustAnchors: [pki.anchor]))
        #expect(verdict.isValid, "\(verdict.failures)")
        let attached = Evidence(
            tee: .snp, bytes: test.report.bytes, attachments: [SNPEvidence.certificateTableAttachment: table.serialized])
        #expect(try await SEVSNPVerifier().verify(attached, context: VerificationContext(asOf: FakeAMD.asOf, trustAnchors: [pki.anchor])).isValid)
    }

    @Test func missingCollateralThrows() async throws {
        let test = try Self.baseline()
        await #expect(throws: SEVSNPError.self) {
            try await SEVSNPVerifier().verify(
                Evidence(tee: .snp, bytes: test.report.bytes),
                context: VerificationContext(asOf: FakeAMD.asOf, trustAnchors: test.anchors, collateral: []))
        }
        await #expect(throws: SEVSNPError.self) {
            try await SEVSNPVerifier().verify(
                Evidence(tee: .snp, bytes: test.report.bytes),
                context: VerificationContext(
                    asOf: FakeAMD.asOf, trustAnchors: test.anchors,
                    collateral: [CollateralItem(source: "garbage", bytes: [0x30, 0x03, 0x02, 0x01])]))
        }
    }
}
