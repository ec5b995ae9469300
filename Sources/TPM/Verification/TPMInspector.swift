public import AttestationCore
import X509

/// Shows every field of TPM evidence (quotes, AK, PCR values, event log, certificates) without verifying it.
public struct TPMInspector: EvidenceInspector {
    public let tee = TEEKind.tpm

    public init() {}

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        if evidence.attachments[TPMEvidence.Attachment.signature.rawValue] == nil,
            evidence.bytes.starts(with: [0xff, 0x54, 0x43, 0x47])
        {
            let attest = try TPMSAttest(parsing: evidence.bytes)
            var section = Self.section(attest, title: "TPMS_ATTEST")
            section.fields.append(.init("signature", "not given (pass it with --signature to inspect the whole quote)"))
            return Inspection(title: "TPM 2.0 attestation (\(evidence.bytes.count) bytes, unsigned view)", sections: [section])
        }
        let parsed = try TPMEvidence(parsing: evidence)
        var inspection = Inspection(
            title: "TPM 2.0 evidence (\(parsed.format.rawValue), \(parsed.quotes.count) quote\(parsed.quotes.count == 1 ? "" : "s"))")
        for (index, quote) in parsed.quotes.enumerated() {
            inspection.sections.append(Self.section(quote, title: "Quote \(index + 1)"))
        }
        inspection.sections.append(Self.section(parsed.attestationKey))
        let values = parsed.quotes.compactMap(\.pcrValues).reduce(into: PCRValues()) { $0.merge($1) }
        if !values.isEmpty {
            inspection.sections.append(
                Inspection.Section(
                    "PCR values (as reported, unverified)",
                    values.banks.sorted { $0.key < $1.key }.flatMap { bank, pcrs in
                        pcrs.sorted { $0.key < $1.key }.map { .init("\(bank.name):\($0.key)", Hex.encode($0.value)) }
                    }))
        }
        if let log = parsed.eventLog {
            var section = Inspection.Section(
                "Event log (\(log.format.rawValue), banks \(log.banks.map(\.name).joined(separator: ",")), \(log.events.count) events)")
            for event in log.events {
                let digests = event.digests.map { "\($0.algorithm.name)=\(Hex.encode($0.value))" }.joined(separator: " ")
                section.fields.append(
                    .init("#\(event.sequence)", "PCR \(event.pcrIndex) \(event.type.name) \(digests) data \(event.data.count) bytes"))
            }
            inspection.sections.append(section)
        }
        let certificates = [("AK certificate", parsed.akCertificate), ("EK certificate", parsed.ekCertificate)]
            + parsed.intermediateCertificates.map { ("Intermediate certificate", $0) }
        for case (let title, let der?) in certificates {
            var section = Inspection.Section(title)
            if let certificate = try? Certificate(derEncoded: der), let claims = certificate.tcgClaims(der: der).objectValue {
                section.fields = claims.sorted { $0.key < $1.key }.map { .init($0.key, $0.value.stringValue ?? "\($0.value)") }
            } else {
                section.fields = [.init("error", "not a parseable X.509 certificate")]
            }
            inspection.sections.append(section)
        }
        return inspection
    }

    static func section(_ quote: SignedQuote, title: String) -> Inspection.Section {
        var section = section(quote.attest, title: title)
        section.fields.append(.init("signature_scheme", quote.signature.schemeDescription))
        section.fields.append(.init("signature", Hex.encode(quote.signature.bytes)))
        return section
    }

    static func section(_ attest: TPMSAttest, title: String) -> Inspection.Section {
        var fields: [Inspection.Field] = [
            .init("magic", "0x" + String(attest.magic, radix: 16)),
            .init("type", "\(attest.type)"),
            .init("qualified_signer", Hex.encode(attest.qualifiedSigner)),
            .init("extra_data", Hex.encode(attest.extraData)),
            .init("clock", "\(attest.clockInfo.clock)"),
            .init("reset_count", "\(attest.clockInfo.resetCount)"),
            .init("restart_count", "\(attest.clockInfo.restartCount)"),
            .init("safe", "\(attest.clockInfo.safe)"),
            .init("firmware_version", "0x" + String(attest.firmwareVersion, radix: 16)),
        ]
        if let info = attest.quoteInfo {
            fields.append(.init("pcr_selection", info.pcrSelect.text))
            fields.append(.init("pcr_digest", Hex.encode(info.pcrDigest)))
        }
        return Inspection.Section(title, fields)
    }

    static func section(_ key: AttestationKeyPublic) -> Inspection.Section {
        var section = Inspection.Section("Attestation key")
        section.fields.append(.init("key", key.keyDescription))
        switch key {
        case .tpm(let area):
            section.fields += [
                .init("name", (try? area.name()).map { Hex.encode($0) } ?? "unsupported nameAlg \(area.nameAlg)"),
                .init("name_alg", area.nameAlg.name),
                .init("attributes", area.attributes.names.joined(separator: "|")),
                .init("scheme", "\(area.parameters.scheme.scheme.name)-\(area.parameters.scheme.hash.name)"),
                .init("auth_policy", Hex.encode(area.authPolicy)),
            ]
            switch area.unique {
            case .rsa(let modulus): section.fields.append(.init("modulus", Hex.encode(modulus)))
            case .ecc(let x, let y):
                section.fields.append(.init("x", Hex.encode(x)))
                section.fields.append(.init("y", Hex.encode(y)))
            }
        case .subjectPublicKeyInfo(let der):
            section.fields.append(.init("subject_public_key_info", Hex.encode(der)))
        }
        return section
    }
}
