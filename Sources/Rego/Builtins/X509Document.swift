import BigInt
import Foundation
import Interchange
import SwiftASN1
import X509

/// Certificates and certificate requests as the objects OPA's crypto.x509 built-ins return: the members of Go's
/// `x509.Certificate` / `x509.CertificateRequest` JSON that policies read (`Subject.CommonName`, `DNSNames`,
/// `URIStrings`, `NotAfter`, …), byte fields base64-encoded and absent lists `null` as Go writes them.
enum X509Document {
    /// A certificate, given its exact DER bytes.
    static func certificate(_ certificate: Certificate, der: [UInt8]) -> Value {
        var members: [String: Value] = [
            "Raw": base64(der),
            "RawTBSCertificate": base64(Array(certificate.tbsCertificateBytes)),
            "Signature": base64(certificate.signature.rawRepresentation),
            "SignatureAlgorithm": .int(signatureAlgorithm(certificate.signatureAlgorithm)),
            "Version": .int(version(certificate.version)),
            "SerialNumber": .number(Number(BigInt(Data(certificate.serialNumber.bytes)))),
            "Issuer": name(certificate.issuer),
            "Subject": name(certificate.subject),
            "NotBefore": .string(rfc3339(certificate.notValidBefore)),
            "NotAfter": .string(rfc3339(certificate.notValidAfter)),
            "PublicKeyAlgorithm": .int(publicKeyAlgorithm(certificate.publicKey)),
        ]
        let extensions = certificate.extensions
        var keyUsage = 0
        if let usage = try? extensions.keyUsage {
            let bits = [
                usage.digitalSignature, usage.nonRepudiation, usage.keyEncipherment, usage.dataEncipherment,
                usage.keyAgreement, usage.keyCertSign, usage.cRLSign, usage.encipherOnly, usage.decipherOnly,
            ]
            for (i, set) in bits.enumerated() where set { keyUsage |= 1 << i }
        }
        members["KeyUsage"] = .int(keyUsage)
        members["ExtKeyUsage"] = .null
        members["UnknownExtKeyUsage"] = .null
        if let eku = try? extensions.extendedKeyUsage {
            var known: [Value] = []
            var unknown: [Value] = []
            for usage in eku {
                let oid = ASN1ObjectIdentifier(usage)
                if let code = goExtKeyUsage[oid.description] { known.append(.int(code)) } else { unknown.append(oidValue(oid)) }
            }
            members["ExtKeyUsage"] = known.isEmpty ? .null : .array(known)
            members["UnknownExtKeyUsage"] = unknown.isEmpty ? .null : .array(unknown)
        }
        members["BasicConstraintsValid"] = .bool(false)
        members["IsCA"] = .bool(false)
        members["MaxPathLen"] = .int(-1)
        members["MaxPathLenZero"] = .bool(false)
        if let constraints = try? extensions.basicConstraints {
            members["BasicConstraintsValid"] = .bool(true)
            if case .isCertificateAuthority(let maxPathLength) = constraints {
                members["IsCA"] = .bool(true)
                members["MaxPathLen"] = .int(maxPathLength ?? -1)
                members["MaxPathLenZero"] = .bool(maxPathLength == 0)
            } else {
                members["MaxPathLen"] = .int(0)
            }
        }
        members["SubjectKeyId"] = (try? extensions.subjectKeyIdentifier).map { base64(Array($0.keyIdentifier)) } ?? .null
        members["AuthorityKeyId"] = (try? extensions.authorityKeyIdentifier)?.keyIdentifier.map { base64(Array($0)) } ?? .null
        for (key, value) in alternativeNames(try? extensions.subjectAlternativeNames) { members[key] = value }
        return .object(ObjectValue(members))
    }

    /// A certificate signing request.
    static func request(_ request: CertificateSigningRequest, der: [UInt8]) -> Value {
        var members: [String: Value] = [
            "Raw": base64(der),
            "Signature": base64(request.signature.rawRepresentation),
            "SignatureAlgorithm": .int(signatureAlgorithm(request.signatureAlgorithm)),
            "Version": .int(0),
            "Subject": name(request.subject),
            "PublicKeyAlgorithm": .int(publicKeyAlgorithm(request.publicKey)),
        ]
        var names: SubjectAlternativeNames??
        for attribute in request.attributes {
            if let extensionRequest = try? ExtensionRequest(attribute) { names = try? extensionRequest.extensions.subjectAlternativeNames }
        }
        for (key, value) in alternativeNames(names) { members[key] = value }
        return .object(ObjectValue(members))
    }

    /// `DNSNames`, `EmailAddresses`, `IPAddresses`, `URIStrings`: arrays, or null when there are none.
    private static func alternativeNames(_ names: SubjectAlternativeNames??) -> [String: Value] {
        var dns: [Value] = [], email: [Value] = [], ip: [Value] = [], uri: [Value] = []
        if case .some(.some(let names)) = names {
            for name in names {
                switch name {
                case .dnsName(let s): dns.append(.string(s))
                case .rfc822Name(let s): email.append(.string(s))
                case .uniformResourceIdentifier(let s): uri.append(.string(s))
                case .ipAddress(let octets): ip.append(.string(ipText(Array(octets.bytes))))
                default: break
                }
            }
        }
        func list(_ v: [Value]) -> Value { v.isEmpty ? .null : .array(v) }
        return ["DNSNames": list(dns), "EmailAddresses": list(email), "IPAddresses": list(ip), "URIStrings": list(uri)]
    }

    /// Go's `pkix.Name`: the common attributes by field, and every attribute in `Names`.
    static func name(_ dn: DistinguishedName) -> Value {
        var fields: [String: [Value]] = [:]
        var commonName = "", serialNumber = ""
        var all: [Value] = []
        for rdn in dn {
            for attribute in rdn {
                let text = String(attribute.value) ?? attribute.value.description
                all.append(.object(ObjectValue(["Type": oidValue(attribute.type), "Value": .string(text)])))
                switch attribute.type.description {
                case "2.5.4.3": commonName = text
                case "2.5.4.5": serialNumber = text
                case "2.5.4.6": fields["Country", default: []].append(.string(text))
                case "2.5.4.7": fields["Locality", default: []].append(.string(text))
                case "2.5.4.8": fields["Province", default: []].append(.string(text))
                case "2.5.4.9": fields["StreetAddress", default: []].append(.string(text))
                case "2.5.4.10": fields["Organization", default: []].append(.string(text))
                case "2.5.4.11": fields["OrganizationalUnit", default: []].append(.string(text))
                case "2.5.4.17": fields["PostalCode", default: []].append(.string(text))
                default: break
                }
            }
        }
        var members: [String: Value] = ["CommonName": .string(commonName), "SerialNumber": .string(serialNumber),
                                        "Names": all.isEmpty ? .null : .array(all), "ExtraNames": .null]
        for key in ["Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode"] {
            members[key] = fields[key].map(Value.array) ?? .null
        }
        return .object(ObjectValue(members))
    }

    /// Go's `x509.ExtKeyUsage` codes by OID.
    private static let goExtKeyUsage: [String: Int] = [
        "2.5.29.37.0": 0, "1.3.6.1.5.5.7.3.1": 1, "1.3.6.1.5.5.7.3.2": 2, "1.3.6.1.5.5.7.3.3": 3,
        "1.3.6.1.5.5.7.3.4": 4, "1.3.6.1.5.5.7.3.5": 5, "1.3.6.1.5.5.7.3.6": 6, "1.3.6.1.5.5.7.3.7": 7,
        "1.3.6.1.5.5.7.3.8": 8, "1.3.6.1.5.5.7.3.9": 9,
    ]

    /// Go's `x509.PublicKeyAlgorithm`: RSA 1, ECDSA 3, Ed25519 4, unknown 0.
    private static func publicKeyAlgorithm(_ key: Certificate.PublicKey) -> Int {
        let kind = String(describing: key)
        if kind.hasPrefix("RSA") { return 1 }
        if kind.hasPrefix("P256") || kind.hasPrefix("P384") || kind.hasPrefix("P521") { return 3 }
        if kind.hasPrefix("Ed25519") || kind.hasPrefix("Curve25519") { return 4 }
        return 0
    }

    /// Go's `x509.SignatureAlgorithm` codes; 0 for one Go does not name.
    private static func signatureAlgorithm(_ algorithm: Certificate.SignatureAlgorithm) -> Int {
        let codes: [(Certificate.SignatureAlgorithm, Int)] = [
            (.sha1WithRSAEncryption, 3), (.sha256WithRSAEncryption, 4), (.sha384WithRSAEncryption, 5),
            (.sha512WithRSAEncryption, 6), (.ecdsaWithSHA256, 10), (.ecdsaWithSHA384, 11), (.ecdsaWithSHA512, 12),
            (.ed25519, 16),
        ]
        return codes.first { $0.0 == algorithm }?.1 ?? 0
    }

    private static func version(_ v: Certificate.Version) -> Int {
        switch v {
        case .v1: 1
        case .v3: 3
        default: 2
        }
    }

    private static func oidValue(_ oid: ASN1ObjectIdentifier) -> Value {
        .array(oid.oidComponents.map { Value.number(Number(BigInt($0))) })
    }

    private static func base64(_ bytes: [UInt8]) -> Value { .string(BuiltinRegistry.base64Encode(bytes, url: false, pad: true)) }

    /// `2006-01-02T15:04:05Z`.
    static func rfc3339(_ date: Date) -> String {
        CivilDate.utcTimestamp(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Dotted IPv4, or IPv6 groups with the longest zero run compressed, as Go's `net.IP` prints them.
    static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String($0, radix: 16) }.joined() }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        var best = (start: -1, length: 0)
        var i = 0
        while i < 8 {
            var j = i
            while j < 8, groups[j] == 0 { j += 1 }
            if j - i > best.length, j - i >= 2 { best = (i, j - i) }
            i = j == i ? i + 1 : j
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }
}
