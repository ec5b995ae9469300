import Foundation
import SwiftASN1
import X509

/// Checks an ordered chain the way `crypto.x509.parse_and_verify_certificates` takes it: the first certificate is the
/// trust anchor, the last the leaf, the ones between intermediates. Each certificate is signed by the next one up,
/// names chain, issuers are CAs allowed to sign certificates (within their path length), every certificate is valid
/// at `now`, and extended key usages allow one of `keyUsages`.
struct CertificateChainCheck: Sendable {
    /// The instant validity is checked at.
    var now: Date
    /// Extended key usage OIDs of which the chain must allow one (Go's default: server authentication).
    var keyUsages: [ASN1ObjectIdentifier] = [ASN1ObjectIdentifier(ExtendedKeyUsage.Usage.serverAuth)]
    /// A DNS name the leaf must carry, when set.
    var dnsName: String?

    /// Go's `x509.ExtKeyUsage` names, as `KeyUsages` options spell them.
    static let keyUsageNames: [String: ASN1ObjectIdentifier] = [
        "KeyUsageAny": [2, 5, 29, 37, 0],
        "KeyUsageServerAuth": [1, 3, 6, 1, 5, 5, 7, 3, 1],
        "KeyUsageClientAuth": [1, 3, 6, 1, 5, 5, 7, 3, 2],
        "KeyUsageCodeSigning": [1, 3, 6, 1, 5, 5, 7, 3, 3],
        "KeyUsageEmailProtection": [1, 3, 6, 1, 5, 5, 7, 3, 4],
        "KeyUsageIPSECEndSystem": [1, 3, 6, 1, 5, 5, 7, 3, 5],
        "KeyUsageIPSECTunnel": [1, 3, 6, 1, 5, 5, 7, 3, 6],
        "KeyUsageIPSECUser": [1, 3, 6, 1, 5, 5, 7, 3, 7],
        "KeyUsageTimeStamping": [1, 3, 6, 1, 5, 5, 7, 3, 8],
        "KeyUsageOCSPSigning": [1, 3, 6, 1, 5, 5, 7, 3, 9],
    ]
    private static let anyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]

    /// Whether the chain (anchor first, leaf last; at least two certificates) verifies.
    func verifies(_ anchorFirst: [Certificate]) -> Bool {
        guard anchorFirst.count >= 2 else { return false }
        let chain = Array(anchorFirst.reversed())
        for certificate in chain {
            guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else { return false }
            guard usageAllowed(certificate) else { return false }
        }
        for i in 0..<(chain.count - 1) {
            let child = chain[i], issuer = chain[i + 1]
            guard child.issuer == issuer.subject, issuer.publicKey.isValidSignature(child.signature, for: child) else {
                return false
            }
            guard case .isCertificateAuthority(let maxPathLength)? = try? issuer.extensions.basicConstraints else { return false }
            // Intermediates below this issuer, the leaf not counted.
            if let maxPathLength, i > maxPathLength { return false }
            if let usage = try? issuer.extensions.keyUsage, !usage.keyCertSign { return false }
        }
        if let dnsName, let leaf = chain.first {
            guard let names = try? leaf.extensions.subjectAlternativeNames else { return false }
            let matches = names.contains { name in
                if case .dnsName(let pattern) = name { return Self.matches(host: dnsName, pattern: pattern) }
                return false
            }
            guard matches else { return false }
        }
        return true
    }

    /// A certificate without extended key usages allows any; one with them must list `any` or a wanted usage.
    private func usageAllowed(_ certificate: Certificate) -> Bool {
        guard let eku = try? certificate.extensions.extendedKeyUsage else { return true }
        let listed = eku.map { ASN1ObjectIdentifier($0) }
        if listed.contains(Self.anyUsage) || keyUsages.contains(Self.anyUsage) { return true }
        return keyUsages.contains { listed.contains($0) }
    }

    /// Case-insensitive host match; a leading `*.` label matches exactly one label.
    static func matches(host: String, pattern: String) -> Bool {
        let host = host.lowercased(), pattern = pattern.lowercased()
        if pattern.hasPrefix("*.") {
            guard let dot = host.firstIndex(of: ".") else { return false }
            return host[host.index(after: dot)...] == pattern.dropFirst(2) && dot > host.startIndex
        }
        return host == pattern
    }
}
