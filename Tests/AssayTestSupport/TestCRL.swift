public import Crypto
public import _CryptoExtras
public import Foundation
public import SwiftASN1

/// Builds X.509 v2 CRLs from fresh keys, for synthetic revocation tests (ECDSA P-256 or RSASSA-PSS SHA-384).
public enum TestCRL {
    /// The key that signs the CRL.
    public enum Signer {
        case p256(P256.Signing.PrivateKey)
        case rsaPSSSHA384(_RSA.Signing.PrivateKey)
    }

    /// A DER CRL for `issuer` (DER Name bytes, e.g. the issuer certificate's subject) revoking `revoked` serials.
    public static func make(
        issuer: [UInt8], thisUpdate: Date, nextUpdate: Date, revoked: [[UInt8]], signer: Signer
    ) throws -> [UInt8] {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try algorithm(signer, into: &coder)
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(issuer)))
            try coder.serialize(try time(thisUpdate))
            try coder.serialize(try time(nextUpdate))
            if !revoked.isEmpty {
                try coder.appendConstructedNode(identifier: .sequence) { list in
                    for serial in revoked {
                        try list.appendConstructedNode(identifier: .sequence) { entry in
                            try entry.serialize(ArraySlice(serial))
                            try entry.serialize(try time(thisUpdate))
                        }
                    }
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try sign(tbsBytes, with: signer)
        var crl = DER.Serializer()
        try crl.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(tbsBytes)))
            try algorithm(signer, into: &coder)
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return crl.serializedBytes
    }

    /// Signs `message` as X.509 does: a DER ECDSA signature, or the raw RSASSA-PSS SHA-384 octets.
    public static func sign(_ message: [UInt8], with signer: Signer) throws -> [UInt8] {
        switch signer {
        case .p256(let key): return Array(try key.signature(for: message).derRepresentation)
        case .rsaPSSSHA384(let key):
            return Array(try key.signature(for: SHA384.hash(data: message), padding: .PSS).rawRepresentation)
        }
    }

    /// Writes the AlgorithmIdentifier of `signer` (ECDSA P-256/SHA-256, or RSASSA-PSS SHA-384 with explicit
    /// parameters as AMD uses them); shared with the certificate builders of the TEE tests.
    public static func algorithm(_ signer: Signer, into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { algorithm in
            switch signer {
            case .p256:
                try algorithm.serialize(ASN1ObjectIdentifier("1.2.840.10045.4.3.2"))
            case .rsaPSSSHA384:
                try algorithm.serialize(ASN1ObjectIdentifier("1.2.840.113549.1.1.10"))
                try algorithm.appendConstructedNode(identifier: .sequence) { parameters in
                    try parameters.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { hash in
                        try sha384(into: &hash)
                    }
                    try parameters.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { mgf in
                        try mgf.appendConstructedNode(identifier: .sequence) { inner in
                            try inner.serialize(ASN1ObjectIdentifier("1.2.840.113549.1.1.8"))
                            try sha384(into: &inner)
                        }
                    }
                    try parameters.serialize(explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific) { salt in
                        try salt.serialize(48)
                    }
                }
            }
        }
    }

    static func sha384(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { hash in
            try hash.serialize(ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.2"))
            try hash.serialize(ASN1Null())
        }
    }

    /// A GeneralizedTime for `date` (whole seconds, UTC).
    public static func time(_ date: Date) throws -> GeneralizedTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try GeneralizedTime(
            year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hours: parts.hour ?? 0,
            minutes: parts.minute ?? 0, seconds: parts.second ?? 0, fractionalSeconds: 0)
    }
}
