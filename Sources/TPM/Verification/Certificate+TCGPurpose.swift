import SwiftASN1
import X509

extension Certificate {
    /// `tcg-kp-EKCertificate` (TCG EK Credential Profile §3.2.16).
    static let ekCertificateUsage = ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 1])
    /// `tcg-kp-AIKCertificate` (TCG Infrastructure WG, the AK credential's extended key usage).
    static let akCertificateUsage = ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 3])

    /// Why this certificate cannot certify an endorsement key, empty when it can: an EK certificate is an
    /// end-entity certificate for a decryption key (keyEncipherment for RSA, keyAgreement for ECC, TCG EK
    /// Credential Profile §3.2.10), and when it names extended key usages it names tcg-kp-EKCertificate. A
    /// certificate for a signing or TLS key from the same CA must not pass as an EK: a key held in software
    /// could then answer the credential challenge for a software "AK".
    var endorsementKeyPurposeProblems: [String] {
        purposeProblems(
            keyUsage: { $0.keyEncipherment || $0.keyAgreement }, keyUsageText: "allows neither keyEncipherment nor keyAgreement",
            usages: [(Self.ekCertificateUsage, "tcg-kp-EKCertificate (2.23.133.8.1)")])
    }

    /// Why this certificate cannot certify an attestation key, empty when it can: an AK certificate is an end-entity
    /// certificate for a signing key (digitalSignature when it has keyUsage) and, when it names extended key usages,
    /// names tcg-kp-AIKCertificate — or tcg-kp-EKCertificate when `acceptingEKUsage`, for CAs known to mark AK
    /// certificates that way (Google's GCE vTPM CA). An EK certificate, or a TLS certificate from the same CA, must
    /// not pass as the certificate of the key that signs quotes.
    func attestationKeyPurposeProblems(acceptingEKUsage: Bool) -> [String] {
        var usages = [(Self.akCertificateUsage, "tcg-kp-AIKCertificate (2.23.133.8.3)")]
        if acceptingEKUsage { usages.append((Self.ekCertificateUsage, "tcg-kp-EKCertificate (2.23.133.8.1)")) }
        return purposeProblems(keyUsage: \.digitalSignature, keyUsageText: "lacks digitalSignature", usages: usages)
    }

    /// The problems of an end-entity TCG certificate whose keyUsage, when present, must satisfy `allowed`
    /// (`keyUsageText` says how it fails to), and whose extended key usages, when present, include one of `usages`.
    func purposeProblems(
        keyUsage allowed: (KeyUsage) -> Bool, keyUsageText: String, usages: [(ExtendedKeyUsage.Usage, String)]
    ) -> [String] {
        var problems: [String] = []
        do {
            if case .isCertificateAuthority = try extensions.basicConstraints {
                problems.append("it is a CA certificate")
            }
            if let usage = try extensions.keyUsage, !allowed(usage) {
                problems.append("its keyUsage (\(usage)) \(keyUsageText)")
            }
            if let named = try extensions.extendedKeyUsage, !usages.contains(where: { named.contains($0.0) }) {
                problems.append("its extendedKeyUsage (\(named)) lacks \(usages.map(\.1).joined(separator: " and "))")
            }
        } catch {
            problems.append("its basicConstraints, keyUsage or extendedKeyUsage extension does not parse: \(error)")
        }
        return problems
    }
}
