public import AttestationCore

/// Shows every field of an SEV-SNP report (and the certificates that came with it) without verifying anything.
public struct SEVSNPInspector: EvidenceInspector {
    public let tee = TEEKind.snp

    public init() {}

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        let parsed = try SNPEvidence(parsing: evidence)
        let report = parsed.report
        let generation = report.cpuidGeneration
        var inspection = Inspection(
            title: "AMD SEV-SNP attestation report v\(report.version) (\(report.bytes.count) bytes"
                + (parsed.certificates.entries.isEmpty ? ")" : ", \(parsed.certificates.entries.count) certificates)"))
        inspection.sections.append(
            Inspection.Section(
                "Report",
                [
                    .init("version", "\(report.version)"),
                    .init("guest_svn", "\(report.guestSVN)"),
                    .init("vmpl", "\(report.vmpl)"),
                    .init("family_id", Hex.encode(report.familyID)),
                    .init("image_id", Hex.encode(report.imageID)),
                    .init("report_data", Hex.encode(report.reportData)),
                    .init("measurement", Hex.encode(report.measurement)),
                    .init("host_data", Hex.encode(report.hostData)),
                    .init("id_key_digest", Hex.encode(report.idKeyDigest)),
                    .init("author_key_digest", Hex.encode(report.authorKeyDigest)),
                    .init("report_id", Hex.encode(report.reportID)),
                    .init("report_id_ma", Hex.encode(report.reportIDMA)),
                    .init("chip_id", Hex.encode(report.chipID)),
                    .init(
                        "cpuid",
                        report.cpuid.map { "\($0) → \(generation.map(\.rawValue) ?? "unknown generation")" }
                            ?? "not in a v2 report (generation comes from the VCEK productName)"),
                    .init("current_version", "\(report.currentVersion)"),
                    .init("committed_version", "\(report.committedVersion)"),
                ] + mitigationVectors(report)))
        var policy = Inspection.Section(
            "Guest policy (0x\(String(report.policy.raw, radix: 16)))",
            [.init("abi", "\(report.policy.abiMajor).\(report.policy.abiMinor) (minimum firmware ABI)")])
        policy.fields += report.policy.flags.map { .init($0.name, $0.value ? "yes" : "no") }
        inspection.sections.append(policy)
        var platform = Inspection.Section("Platform info (0x\(String(report.platformInfo.raw, radix: 16)))")
        platform.fields = report.platformInfo.flags.map { .init($0.name, $0.value ? "yes" : "no") }
        inspection.sections.append(platform)
        inspection.sections.append(
            Inspection.Section(
                "TCB (\(report.reportedTCB.layout == .turin ? "Turin layout with FMC" : "pre-Turin layout"))",
                [
                    .init("current_tcb", "\(report.currentTCB)"),
                    .init("reported_tcb", "\(report.reportedTCB)"),
                    .init("committed_tcb", "\(report.committedTCB)"),
                    .init("launch_tcb", "\(report.launchTCB)"),
                ]))
        inspection.sections.append(
            Inspection.Section(
                "Signer",
                [
                    .init("signing_key", "\(report.keyInfo.signingKey)"),
                    .init("author_key_en", report.keyInfo.authorKeyEnabled ? "yes" : "no"),
                    .init("mask_chip_key", report.keyInfo.maskChipKey ? "yes (CHIP_ID is zero)" : "no"),
                    .init(
                        "signature_algo",
                        "\(report.signatureAlgorithm)"
                            + (report.signatureAlgorithm == AttestationReport.ecdsaP384SHA384 ? " (ECDSA P-384 with SHA-384)" : " (unknown)")),
                    .init("signature_r", Hex.encode(report.signatureR) + " (little-endian)"),
                    .init("signature_s", Hex.encode(report.signatureS) + " (little-endian)"),
                ]))
        for entry in parsed.certificates.entries {
            inspection.sections.append(certificateSection(entry))
        }
        return inspection
    }

    func mitigationVectors(_ report: AttestationReport) -> [Inspection.Field] {
        guard let launch = report.launchMitigationVector, let current = report.currentMitigationVector else { return [] }
        return [
            .init("launch_mit_vector", "0x\(String(launch, radix: 16))"),
            .init("current_mit_vector", "0x\(String(current, radix: 16))"),
        ]
    }

    func certificateSection(_ entry: CertificateTable.Entry) -> Inspection.Section {
        var section = Inspection.Section(
            "Certificate table: \(entry.kind.map { "\($0)".uppercased() } ?? "unknown GUID") \(entry.guidText) (\(entry.data.count) bytes)")
        guard let certificate = try? AMDCertificate(derEncoded: entry.data, source: entry.guidText) else {
            section.fields = [.init("error", "not a parseable X.509 certificate")]
            return section
        }
        let x509 = certificate.certificate
        section.fields = [
            .init("subject", certificate.name),
            .init("issuer", x509.issuerCommonName ?? "(no CN)"),
            .init("serial", x509.serialNumber.isEmpty ? "0" : Hex.encode(x509.serialNumber)),
            .init("not_before", RFC3339.format(x509.notBefore)),
            .init("not_after", RFC3339.format(x509.notAfter)),
            .init("public_key", certificate.publicKey?.name ?? "unsupported"),
        ]
        for (name, value) in certificate.extensions.claims.sorted(by: { $0.key < $1.key }) {
            section.fields.append(.init(name, value.compactText))
        }
        return section
    }
}
