public import AttestationCore
import CBOR
import Crypto
import Foundation
import PKI

/// Shows every field of an AWS Nitro Enclaves attestation document (the COSE_Sign1 envelope, the payload, the
/// PCRs, the certificate and CA bundle) without verifying anything.
public struct NitroInspector: EvidenceInspector {
    public let tee = TEEKind.nitro

    public init() {}

    public func inspect(_ evidence: Evidence) throws -> Inspection {
        let message = try COSESign1(parsing: evidence.bytes)
        let document = try AttestationDocument(payload: message.payload)
        let tagged = evidence.bytes.first == 0xD2
        var inspection = Inspection(
            title: "AWS Nitro Enclaves attestation document (\(evidence.bytes.count) bytes, COSE_Sign1 "
                + "\(tagged ? "tagged 18" : "untagged"); not verified)")
        let algorithm = message.algorithm.map { $0 == NitroVerifier.es384 ? "\($0) (ES384)" : "\($0) (not ES384)" } ?? "(none)"
        inspection.sections.append(
            Inspection.Section(
                "COSE_Sign1",
                [
                    .init("protected", Hex.encode(message.protectedBytes)),
                    .init("alg", algorithm),
                    .init("unprotected", "\(message.unprotectedHeader.mapValue?.count ?? 0) entries"),
                    .init("payload", "\(message.payload.count) bytes"),
                    .init("signature", Hex.encode(message.signature) + " (\(message.signature.count) bytes)"),
                ]))
        func optional(_ bytes: [UInt8]?) -> String {
            guard let bytes else { return "(none)" }
            let printable = bytes.allSatisfy { (0x20..<0x7F).contains($0) }
            let text = printable ? " (\"\(String(decoding: bytes, as: UTF8.self))\")" : ""
            return Hex.encode(bytes) + " (\(bytes.count) bytes)" + text
        }
        inspection.sections.append(
            Inspection.Section(
                "Document",
                [
                    .init("module_id", document.moduleID),
                    .init("digest", document.digest),
                    .init("timestamp", "\(document.timestamp) (\(RFC3339.format(document.date)))"),
                    .init("debug", document.isDebug ? "yes: PCR0 is all zero (debug mode, the parent can read the enclave)" : "no"),
                    .init("user_data", optional(document.userData)),
                    .init("nonce", optional(document.nonce)),
                    .init("public_key", optional(document.publicKey)),
                ]))
        inspection.sections.append(
            Inspection.Section(
                "PCRs",
                document.pcrs.sorted { $0.key < $1.key }.map { index, value in
                    .init("pcr\(index)", Hex.encode(value) + (value.allSatisfy { $0 == 0 } ? " (zero)" : ""))
                }))
        inspection.sections.append(Self.section("Certificate", der: document.certificate))
        for (position, der) in document.caBundle.enumerated() {
            inspection.sections.append(Self.section("CA bundle [\(position)]", der: der))
        }
        return inspection
    }

    /// One certificate's names, validity, key and SHA-256, or why it cannot be read.
    static func section(_ title: String, der: [UInt8]) -> Inspection.Section {
        let digest = Hex.encode(SHA256.hash(data: der))
        var section = Inspection.Section("\(title) (\(der.count) bytes)")
        guard let certificate = try? X509Certificate(derEncoded: der) else {
            section.fields = [.init("error", "not a parseable X.509 certificate"), .init("sha256", digest)]
            return section
        }
        section.fields = [
            .init("subject", certificate.subjectCommonName ?? "(no CN)"),
            .init("issuer", certificate.issuerCommonName ?? "(no CN)"),
            .init("serial", certificate.serialNumber.isEmpty ? "0" : Hex.encode(certificate.serialNumber)),
            .init("not_before", RFC3339.format(certificate.notBefore)),
            .init("not_after", RFC3339.format(certificate.notAfter)),
            .init("public_key", (try? certificate.publicKey())?.name ?? "unsupported"),
            .init("signature_algorithm", "\(certificate.signatureAlgorithm)"),
            .init("sha256", digest + (digest == NitroRootCA.sha256 ? " (AWS Nitro Enclaves Root-G1)" : "")),
        ]
        return section
    }
}
