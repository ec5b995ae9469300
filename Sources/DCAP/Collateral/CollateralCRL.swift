import AttestationCore
public import PKI
import SwiftASN1
public import X509

/// A CRL given as collateral (Intel SGX Root CA CRL, PCK Platform/Processor CA CRL), with its issuer name.
public struct CollateralCRL: Sendable, Hashable {
    /// The parsed CRL.
    public let crl: CertificateRevocationList
    /// The issuer's distinguished name, for matching the issuing certificate.
    public let issuer: DistinguishedName
    /// Where it came from, for messages.
    public let source: String

    /// Parses a DER CRL.
    init(der: [UInt8], source: String) throws {
        do {
            crl = try CertificateRevocationList(derEncoded: der)
            let parseName: (ASN1Node) throws -> DistinguishedName = DistinguishedName.init(derEncoded:)
            issuer = try parseName(try DER.parse(crl.issuerBytes))
        } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "not a valid X.509 CRL (\(error))")
        }
        self.source = source
    }

    /// `CRL of <issuer>, this update … next update …` for messages.
    var summary: String {
        "CRL of \(issuer) (\(source)), this update \(RFC3339.format(crl.thisUpdate)), next update \(crl.nextUpdate.map(RFC3339.format) ?? "none")"
    }
}
