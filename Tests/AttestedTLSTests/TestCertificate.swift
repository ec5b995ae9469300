import Crypto
import Foundation
import SwiftASN1
import X509

/// Self-signed certificates built in the test from a fresh key, carrying whatever extensions the test hands them:
/// a relay's certificate with a genuine certificate's evidence copied byte-exact, or evidence assembled by hand.
enum TestCertificate {
    /// One extension: dotted OID and the bytes inside `extnValue`.
    struct Extension {
        let oid: String
        let value: [UInt8]
    }

    /// A certificate for `key`, self-signed, valid for a day around now, with `extensions` (non-critical).
    static func selfSigned(key: P256.Signing.PrivateKey, extensions: [Extension], commonName: String = "relay.test")
        throws -> [UInt8]
    {
        let name = try DistinguishedName { CommonName(commonName) }
        var all = Certificate.Extensions()
        for item in extensions {
            try all.append(
                Certificate.Extension(oid: try ASN1ObjectIdentifier(dotRepresentation: item.oid), critical: false, value: item.value[...]))
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86400), issuer: name,
            subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: all,
            issuerPrivateKey: Certificate.PrivateKey(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// The SubjectPublicKeyInfo DER of `key`.
    static func spki(_ key: P256.Signing.PrivateKey) -> [UInt8] { Array(key.publicKey.derRepresentation) }
}
