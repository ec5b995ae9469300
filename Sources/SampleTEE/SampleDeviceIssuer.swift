public import Crypto
public import Foundation
public import X509
public import AttestationCore
import SwiftASN1

/// The certificate authority that certifies Sample TEE device keys: a root certificate and its private key.
///
/// The built-in ``development`` issuer's private key is derived from a public seed, so *anyone can forge Sample TEE
/// evidence*. That is by design: the Sample TEE exists for development and demos, and its results never carry an
/// affirming hardware tier. Tests build other issuers from fresh keys.
public struct SampleDeviceIssuer: Sendable {
    /// The root certificate that verifiers pin.
    public let certificate: Certificate
    /// The root's private key.
    public let privateKey: P256.Signing.PrivateKey

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// The public seed the development root's key is derived from (SHA-256 of it is the P-256 scalar).
    static let developmentSeed = "Assay Sample TEE development root CA v1 (public seed: this TEE is not secure)"

    /// The development root CA certificate (self-signed, 2026-01-01 to 2056-01-01), pinned by
    /// ``developmentRootSHA256``.
    static let developmentRootPEM = """
        -----BEGIN CERTIFICATE-----
        MIIB9jCCAZygAwIBAgIBATAKBggqhkjOPQQDAjBgMS8wLQYDVQQKDCZBc3NheSAo
        aW5zZWN1cmUsIGZvciBkZXZlbG9wbWVudCBvbmx5KTEtMCsGA1UEAwwkQXNzYXkg
        U2FtcGxlIFRFRSBEZXZlbG9wbWVudCBSb290IENBMCAXDTI2MDEwMTAwMDAwMFoY
        DzIwNTYwMTAxMDAwMDAwWjBgMS8wLQYDVQQKDCZBc3NheSAoaW5zZWN1cmUsIGZv
        ciBkZXZlbG9wbWVudCBvbmx5KTEtMCsGA1UEAwwkQXNzYXkgU2FtcGxlIFRFRSBE
        ZXZlbG9wbWVudCBSb290IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECtCu
        wF6BgG4dh0oiZ0EG0pzmBWsO2n8cCTx425AryQiA1YaeKG43PREIIk52lIvAUGtu
        Lzspt1zWY5zReIYgZ6NFMEMwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8E
        BAMCAQYwHQYDVR0OBBYEFBg4cTlvZQmbbf/sPkBOjEUi1gTnMAoGCCqGSM49BAMC
        A0gAMEUCIF1RXWxkDLonjHH90ffvPM0ywthe1HUit3i3eNJDBMIuAiEA7SvSvAIQ
        dPqHTHwMzkVPIJzy5ZOgYKyACS4VGdlm9sY=
        -----END CERTIFICATE-----
        """

    /// SHA-256 of the development root's DER encoding.
    public static let developmentRootSHA256 = "1c922ff92e2b7e9f68c26bdc414df6583a3d203ac31e6a68908b3e2576b2c853"

    /// The development root as a trust anchor, for verifiers.
    public static var developmentAnchor: TrustAnchor {
        get throws {
            TrustAnchor(
                name: "Assay Sample TEE Development Root CA",
                derBytes: try PEMDocument(pemString: developmentRootPEM).derBytes)
        }
    }

    /// The built-in development issuer.
    public static var development: SampleDeviceIssuer {
        get throws {
            let key = try P256.Signing.PrivateKey(
                rawRepresentation: SHA256.hash(data: Array(developmentSeed.utf8)))
            return SampleDeviceIssuer(certificate: try Certificate(pemEncoded: developmentRootPEM), privateKey: key)
        }
    }

    /// Issues a device certificate for `deviceKey`, valid from `notBefore` for `lifetime` seconds.
    public func issueDeviceCertificate(
        for deviceKey: P256.Signing.PublicKey,
        notBefore: Date,
        lifetime: TimeInterval,
        serialNumber: Certificate.SerialNumber = Certificate.SerialNumber()
    ) throws -> Certificate {
        try Certificate(
            version: .v3,
            serialNumber: serialNumber,
            publicKey: Certificate.PublicKey(deviceKey),
            notValidBefore: notBefore,
            notValidAfter: notBefore.addingTimeInterval(lifetime),
            issuer: certificate.subject,
            subject: try DistinguishedName {
                OrganizationName("Assay (insecure, for development only)")
                CommonName("Assay Sample TEE Device")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(privateKey)
        )
    }
}
