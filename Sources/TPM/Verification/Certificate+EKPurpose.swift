import SwiftASN1
import X509

extension Certificate {
    /// `tcg-kp-EKCertificate` (TCG EK Credential Profile §3.2.16).
    static let ekCertificateUsage = ExtendedKeyUsage.Usage(oid: [2, 23, 133, 8, 1])

    /// Why this certificate cannot certify an endorsement key, empty when it can: an EK certificate is an
    /// end-entity certificate for a decryption key (keyEncipherment for RSA, keyAgreement for ECC, TCG EK
    /// Credential Profile §3.2.10), and when it names extended key usages it names tcg-kp-EKCertificate. A
    /// certificate for a signing or TLS key from the same CA must not pass as an EK: a key held in software
    /// could then answer the credential challenge for a software "AK".
    var endorsementKeyPurposeProblems: [String] {
        var problems: [String] = []
        do {
            if case .isCertificateAuthority = try extensions.basicConstraints {
                problems.append("it is a CA certificate")
            }
            if let usage = try extensions.keyUsage, !usage.keyEncipherment, !usage.keyAgreement {
                problems.append("its keyUsage (\(usage)) allows neither keyEncipherment nor keyAgreement")
            }
            if let usages = try extensions.extendedKeyUsage, !usages.contains(Self.ekCertificateUsage) {
                problems.append("its extendedKeyUsage (\(usages)) lacks tcg-kp-EKCertificate (2.23.133.8.1)")
            }
        } catch {
            problems.append("its basicConstraints, keyUsage or extendedKeyUsage extension does not parse: \(error)")
        }
        return problems
    }
}
