import AssayTestSupport
import AttestationCore
import Crypto
import DCAP
import Foundation
import SwiftASN1
import X509

/// A fake Intel DCAP PKI from fresh P-256 keys: root CA, PCK Platform CA, PCK certificate with an SGX extension,
/// TCB signing certificate, CRLs, and TCB info / QE identity documents it signs itself.
struct FakeIntelPKI {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    static let day: TimeInterval = 86400

    let rootKey = P256.Signing.PrivateKey()
    let caKey = P256.Signing.PrivateKey()
    let pckKey = P256.Signing.PrivateKey()
    let tcbKey = P256.Signing.PrivateKey()
    let root: Certificate
    let ca: Certificate
    let pck: Certificate
    let tcbSigning: Certificate
    let fmspc: [UInt8]
    let pceID: [UInt8] = [0, 0]

    static let rootName = try! DistinguishedName { CommonName("Intel SGX Root CA"); OrganizationName("Fake Intel") }
    static let caName = try! DistinguishedName { CommonName("Intel SGX PCK Platform CA"); OrganizationName("Fake Intel") }
    static let pckName = try! DistinguishedName { CommonName("Intel SGX PCK Certificate"); OrganizationName("Fake Intel") }
    static let tcbName = try! DistinguishedName { CommonName("Intel SGX TCB Signing"); OrganizationName("Fake Intel") }

    /// A PKI whose PCK certificate carries these SGX TCB components and PCE SVN (`pckCAKeyUsage`: the PCK Platform
    /// CA's keyUsage extnValue bytes, to test malformed extensions).
    init(
        sgxComponents: [UInt8] = [3, 3, 2, 2, 4, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0], pceSVN: Int = 11,
        fmspc: [UInt8] = [0x50, 0x80, 0x6f, 0, 0, 0], pckValidity: ClosedRange<Date>? = nil,
        tcbSigningValidity: ClosedRange<Date>? = nil, pckSubject: DistinguishedName = Self.pckName, pckCAIsCA: Bool = true,
        pckCASignedBy: P256.Signing.PrivateKey? = nil, pckCAKeyUsage: [UInt8]? = nil
    ) throws {
        self.fmspc = fmspc
        let long = Self.now.addingTimeInterval(-365 * Self.day)...Self.now.addingTimeInterval(3650 * Self.day)
        root = try Self.certificate(
            key: rootKey.publicKey, issuerKey: rootKey, issuer: Self.rootName, subject: Self.rootName, serial: 1,
            validity: long, extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 1))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            })
        ca = try Self.certificate(
            key: caKey.publicKey, issuerKey: pckCASignedBy ?? rootKey, issuer: Self.rootName, subject: Self.caName, serial: 2,
            validity: long, extensions: try Certificate.Extensions {
                Critical(pckCAIsCA ? BasicConstraints.isCertificateAuthority(maxPathLength: 0) : .notCertificateAuthority)
                if let pckCAKeyUsage {
                    Certificate.Extension(oid: .X509ExtensionID.keyUsage, critical: true, value: pckCAKeyUsage[...])
                } else {
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                }
            })
        let sgx = try Self.sgxExtension(components: sgxComponents, pceSVN: pceSVN, pceID: pceID, fmspc: fmspc)
        pck = try Self.certificate(
            key: pckKey.publicKey, issuerKey: caKey, issuer: Self.caName, subject: pckSubject, serial: 0x77,
            validity: pckValidity ?? long, extensions: try Certificate.Extensions([
                Certificate.Extension(oid: SGXExtensions.oid, critical: false, value: sgx[...])
            ]))
        tcbSigning = try Self.signingCertificate(key: tcbKey.publicKey, validity: tcbSigningValidity ?? long, issuerKey: rootKey)
    }

    /// An Intel SGX TCB Signing certificate (serial 3, not a CA) for `key`, issued under `issuer` by `issuerKey`:
    /// the PKI's own, a re-issued one with another validity, or one from another issuer.
    static func signingCertificate(
        key: P256.Signing.PublicKey, validity: ClosedRange<Date>, issuer: DistinguishedName = rootName,
        issuerKey: P256.Signing.PrivateKey
    ) throws -> Certificate {
        try certificate(
            key: key, issuerKey: issuerKey, issuer: issuer, subject: tcbName, serial: 3, validity: validity,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.notCertificateAuthority) })
    }

    static func certificate(
        key: P256.Signing.PublicKey, issuerKey: P256.Signing.PrivateKey, issuer: DistinguishedName,
        subject: DistinguishedName, serial: Int, validity: ClosedRange<Date>, extensions: Certificate.Extensions
    ) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: Certificate.PublicKey(key),
            notValidBefore: validity.lowerBound, notValidAfter: validity.upperBound, issuer: issuer, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(issuerKey))
    }

    /// Intel's SGX extension (1.2.840.113741.1.13.1) in DER.
    static func sgxExtension(components: [UInt8], pceSVN: Int, pceID: [UInt8], fmspc: [UInt8]) throws -> [UInt8] {
        let base: [UInt] = [1, 2, 840, 113741, 1, 13, 1]
        var serializer = DER.Serializer()
        func entry(_ coder: inout DER.Serializer, _ arcs: [UInt], _ value: (inout DER.Serializer) throws -> Void) throws {
            try coder.appendConstructedNode(identifier: .sequence) { pair in
                try pair.serialize(try ASN1ObjectIdentifier(elements: base + arcs))
                try value(&pair)
            }
        }
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try entry(&coder, [1]) { try $0.serialize(ASN1OctetString(contentBytes: [UInt8](repeating: 0xAB, count: 16)[...])) }
            try entry(&coder, [2]) { value in
                try value.appendConstructedNode(identifier: .sequence) { tcb in
                    for (index, svn) in components.enumerated() {
                        try entry(&tcb, [2, UInt(index + 1)]) { try $0.serialize(Int(svn)) }
                    }
                    try entry(&tcb, [2, 17]) { try $0.serialize(pceSVN) }
                    try entry(&tcb, [2, 18]) { try $0.serialize(ASN1OctetString(contentBytes: components[...])) }
                }
            }
            try entry(&coder, [3]) { try $0.serialize(ASN1OctetString(contentBytes: pceID[...])) }
            try entry(&coder, [4]) { try $0.serialize(ASN1OctetString(contentBytes: fmspc[...])) }
            try entry(&coder, [5]) { $0.appendPrimitiveNode(identifier: .enumerated) { $0.append(1) } }
        }
        return serializer.serializedBytes
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    static func pem(_ certificates: [Certificate]) throws -> [UInt8] {
        Array(try certificates.map { PEMDocument(type: "CERTIFICATE", derBytes: try der($0)).pemString }.joined(separator: "\n").utf8)
    }

    /// The pinned root of this PKI.
    var anchor: TrustAnchor { TrustAnchor(name: "Fake Intel SGX Root CA", derBytes: (try? Self.der(root)) ?? []) }

    /// PCK certificate, PCK CA and root in PEM, NUL-terminated as Intel's QE writes it.
    func pckChainPEM() throws -> [UInt8] { try Self.pem([pck, ca, root]) + [0] }

    /// The TCB signing certificate and the root in PEM.
    func signingChainPEM() throws -> [UInt8] { try Self.pem([tcbSigning, root]) }

    /// A CRL signed by the root (revoking `revoked` serials), or by `key` under the root's name.
    func rootCRL(
        revoked: [[UInt8]] = [], from: Date = now.addingTimeInterval(-day), to: Date = now.addingTimeInterval(300 * day),
        key: P256.Signing.PrivateKey? = nil
    ) throws -> [UInt8] {
        try TestCRL.make(
            issuer: try Self.derName(Self.rootName), thisUpdate: from, nextUpdate: to, revoked: revoked, signer: .p256(key ?? rootKey))
    }

    /// A CRL signed by the PCK CA.
    func pckCRL(revoked: [[UInt8]] = [], from: Date = now.addingTimeInterval(-day), to: Date = now.addingTimeInterval(29 * day), key: P256.Signing.PrivateKey? = nil) throws -> [UInt8] {
        try TestCRL.make(issuer: try Self.derName(Self.caName), thisUpdate: from, nextUpdate: to, revoked: revoked, signer: .p256(key ?? caKey))
    }

    static func derName(_ name: DistinguishedName) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(name)
        return serializer.serializedBytes
    }

    /// A PCS envelope `{"<member>":<json>,"signature":"<hex r‖s>"}` signed by `key` (the TCB signing key).
    func envelope(_ member: String, _ json: String, key: P256.Signing.PrivateKey? = nil) throws -> [UInt8] {
        let signature = try (key ?? tcbKey).signature(for: Array(json.utf8)).rawRepresentation
        return Array("{\"\(member)\":\(json),\"signature\":\"\(Hex.encode(signature))\"}".utf8)
    }

    /// All collateral: TCB info, QE identity, both CRLs and the signing chain.
    func collateral(
        tcbInfo: String, qeIdentity: String?, rootCRL: [UInt8]? = nil, pckCRL: [UInt8]? = nil, signingChain: [UInt8]? = nil
    ) throws -> [CollateralItem] {
        var items = [
            CollateralItem(source: "tcbinfo.json", bytes: try envelope("tcbInfo", tcbInfo)),
            CollateralItem(source: "signing-chain.pem", bytes: try signingChain ?? signingChainPEM()),
            CollateralItem(source: "root.crl", bytes: try rootCRL.map { $0 } ?? self.rootCRL()),
            CollateralItem(source: "pck.crl", bytes: try pckCRL.map { $0 } ?? self.pckCRL()),
        ]
        if let qeIdentity { items.append(CollateralItem(source: "qeidentity.json", bytes: try envelope("enclaveIdentity", qeIdentity))) }
        return items
    }
}
