import AttestationCore
import X509
import Crypto
import SwiftASN1
import Foundation

extension Certificate {
    /// tcg-at-tpmManufacturer, tcg-at-tpmModel, tcg-at-tpmVersion (TCG EK Credential Profile §3.1.2).
    static let tcgAttributes: [(ASN1ObjectIdentifier, String)] = [
        ([2, 23, 133, 2, 1], "tpm_manufacturer"), ([2, 23, 133, 2, 2], "tpm_model"), ([2, 23, 133, 2, 3], "tpm_version"),
    ]
    /// Google's GCE instance-information extension in vTPM AK certificates.
    static let gceInstanceInfo: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 1, 21]

    /// Claims describing an EK or AK certificate: its SHA-256, subject, issuer, serial, validity, the TPM
    /// manufacturer/model/version from its subjectAltName and, for GCE AK certificates, the instance information.
    func tcgClaims(der: [UInt8]) -> JSONValue {
        var claims: [String: JSONValue] = [
            "sha256": .hex(Array(SHA256.hash(data: der))),
            "subject": .string("\(subject)"),
            "issuer": .string("\(issuer)"),
            "serial": .hex(serialNumber.bytes),
            "not_before": .string(RFC3339.format(notValidBefore)),
            "not_after": .string(RFC3339.format(notValidAfter)),
        ]
        if let names = try? extensions.subjectAlternativeNames {
            for case .directoryName(let name) in names {
                for attribute in name.flatMap({ $0 }) {
                    if let claim = Self.tcgAttributes.first(where: { $0.0 == attribute.type })?.1 {
                        claims[claim] = .string("\(attribute.value)")
                    }
                }
            }
        }
        if let instance = extensions.first(where: { $0.oid == Self.gceInstanceInfo }) {
            claims["gce_instance_info"] = .hex(instance.value)
        }
        return .object(claims)
    }

    /// The certificate's SubjectPublicKeyInfo, DER.
    func subjectPublicKeyInfoBytes() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(publicKey)
        return serializer.serializedBytes
    }
}
