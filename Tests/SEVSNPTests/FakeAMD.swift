import AssayTestSupport
import AttestationCore
import Crypto
import Foundation
import SEVSNP
import SwiftASN1
import _CryptoExtras

/// A fake AMD PKI built from fresh keys: ARK → ASK/ASVK → VCEK/VLEK with RSASSA-PSS SHA-384 certificates (RSA-2048
/// for speed) and an SEV-SNP report signer. Every knob a test needs to break one check at a time is a parameter.
struct FakeAMD {
    /// One issued certificate and the private key behind it.
    struct Issued {
        let der: [UInt8]
        let subject: [UInt8]
    }

    static let notBefore = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14
    static let asOf = Date(timeIntervalSince1970: 1_720_000_000)  // 2024-07-03

    let generation: String
    let arkKey: _RSA.Signing.PrivateKey
    let askKey: _RSA.Signing.PrivateKey
    let ark: Issued
    let ask: Issued

    /// A root and an intermediate for `generation`; `vlek` makes the intermediate an ASVK.
    init(generation: String = "Milan", vlek: Bool = false, keys: (_RSA.Signing.PrivateKey, _RSA.Signing.PrivateKey)? = nil)
        throws
    {
        self.generation = generation
        let (arkKey, askKey) = try keys ?? (Self.rsaKey(), Self.rsaKey())
        self.arkKey = arkKey
        self.askKey = askKey
        let arkName = try Self.name("ARK-\(generation)")
        ark = try Self.issue(
            subject: arkName, issuer: arkName, serial: [0x01, 0x00, 0x00], spki: Array(arkKey.publicKey.derRepresentation),
            signer: arkKey, notAfter: Self.notBefore.addingTimeInterval(25 * 365 * 86400), extensions: Self.caExtensions)
        ask = try Self.issue(
            subject: try Self.name(vlek ? "SEV-VLEK-\(generation)" : "SEV-\(generation)"), issuer: arkName,
            serial: [0x01, 0x00, 0x01], spki: Array(askKey.publicKey.derRepresentation), signer: arkKey,
            notAfter: Self.notBefore.addingTimeInterval(25 * 365 * 86400), extensions: Self.caExtensions)
    }

    static func rsaKey() throws -> _RSA.Signing.PrivateKey { try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    /// The root as a trust anchor (replacing AMD's pinned roots in the context).
    var anchor: TrustAnchor { TrustAnchor(name: "ARK-\(generation)", derBytes: ark.der) }

    /// ASK then ARK in PEM, like a KDS `cert_chain` response.
    var chainPEM: [UInt8] {
        Array(
            [ask.der, ark.der].map { der in
                "-----BEGIN CERTIFICATE-----\n\(Data(der).base64EncodedString(options: .lineLength64Characters))\n-----END CERTIFICATE-----\n"
            }.joined().utf8)
    }

    /// A VCEK (or, with `cspID`, a VLEK) for `hwid` and `tcb`, issued by this ASK unless `signer` says otherwise.
    func endorsementKey(
        key: P384.Signing.PrivateKey, hwid: [UInt8]?, tcb: [Int: Int], productName: String? = nil, cspID: String? = nil,
        serial: [UInt8] = [0], notAfter: Date = FakeAMD.notBefore.addingTimeInterval(7 * 365 * 86400),
        signer: _RSA.Signing.PrivateKey? = nil, hwidAsOctetString: Bool = false
    ) throws -> [UInt8] {
        var extensions: [(String, Bool, [UInt8])] = [
            ("1.3.6.1.4.1.3704.1.1", false, try Self.der(0)),
            ("1.3.6.1.4.1.3704.1.2", false, try Self.der(ASN1IA5String(productName ?? "\(generation)-B0"))),
        ]
        for (number, value) in tcb.sorted(by: { $0.key < $1.key }) {
            extensions.append(("1.3.6.1.4.1.3704.1.3.\(number)", false, try Self.der(value)))
        }
        if let hwid {
            extensions.append(
                ("1.3.6.1.4.1.3704.1.4", false, hwidAsOctetString ? try Self.der(ASN1OctetString(contentBytes: hwid[...])) : hwid))
        }
        if let cspID { extensions.append(("1.3.6.1.4.1.3704.1.5", false, try Self.der(ASN1IA5String(cspID)))) }
        return try Self.issue(
            subject: try Self.name(cspID == nil ? "SEV-VCEK" : "SEV-VLEK"), issuer: ask.subject, serial: serial,
            spki: Array(key.publicKey.derRepresentation), signer: signer ?? askKey, notAfter: notAfter,
            extensions: extensions
        ).der
    }

    /// A CRL of the ARK (or, with `byASK`, of the ASK) revoking `serials`.
    func crl(revoking serials: [[UInt8]], byASK: Bool = false, thisUpdate: Date = FakeAMD.notBefore,
             nextUpdate: Date = FakeAMD.asOf.addingTimeInterval(86400), signer: _RSA.Signing.PrivateKey? = nil) throws -> [UInt8] {
        try TestCRL.make(
            issuer: byASK ? ask.subject : ark.subject, thisUpdate: thisUpdate, nextUpdate: nextUpdate,
            revoked: serials, signer: .rsaPSSSHA384(signer ?? (byASK ? askKey : arkKey)))
    }

    // MARK: - Certificates

    static let caExtensions: [(String, Bool, [UInt8])] = {
        var basic = DER.Serializer()
        try? basic.appendConstructedNode(identifier: .sequence) { try $0.serialize(true) }
        var usage = DER.Serializer()
        try? usage.serialize(ASN1BitString(bytes: [0x06], paddingBits: 1))  // keyCertSign | cRLSign
        return [("2.5.29.19", true, basic.serializedBytes), ("2.5.29.15", true, usage.serializedBytes)]
    }()

    static func der<T: DERSerializable>(_ value: T) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }

    /// A Name with AMD's attributes and the given CN.
    static func name(_ commonName: String) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { rdns in
            for (oid, value) in [("2.5.4.11", "Engineering"), ("2.5.4.10", "Advanced Micro Devices"), ("2.5.4.3", commonName)] {
                try rdns.appendConstructedNode(identifier: .set) { set in
                    try set.appendConstructedNode(identifier: .sequence) { pair in
                        try pair.serialize(try ASN1ObjectIdentifier(elements: oid.split(separator: ".").compactMap { UInt($0) }))
                        try pair.serialize(ASN1UTF8String(value))
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    static func issue(
        subject: [UInt8], issuer: [UInt8], serial: [UInt8], spki: [UInt8], signer: _RSA.Signing.PrivateKey,
        notAfter: Date, extensions: [(String, Bool, [UInt8])]
    ) throws -> Issued {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { try $0.serialize(2) }
            try coder.serialize(ArraySlice(serial))
            try TestCRL.algorithm(.rsaPSSSHA384(signer), into: &coder)
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(issuer)))
            try coder.appendConstructedNode(identifier: .sequence) { validity in
                try validity.serialize(try TestCRL.time(notBefore))
                try validity.serialize(try TestCRL.time(notAfter))
            }
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(subject)))
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(spki)))
            try coder.serialize(explicitlyTaggedWithTagNumber: 3, tagClass: .contextSpecific) { tagged in
                try tagged.appendConstructedNode(identifier: .sequence) { list in
                    for (oid, critical, value) in extensions {
                        try list.appendConstructedNode(identifier: .sequence) { ext in
                            try ext.serialize(try ASN1ObjectIdentifier(elements: oid.split(separator: ".").compactMap { UInt($0) }))
                            if critical { try ext.serialize(true) }
                            try ext.serialize(ASN1OctetString(contentBytes: value[...]))
                        }
                    }
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try TestCRL.sign(tbsBytes, with: .rsaPSSSHA384(signer))
        var certificate = DER.Serializer()
        try certificate.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1Any(derEncoded: try DER.parse(tbsBytes)))
            try TestCRL.algorithm(.rsaPSSSHA384(signer), into: &coder)
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return Issued(der: certificate.serializedBytes, subject: subject)
    }
}

/// Synthetic SEV-SNP reports signed by a fake VCEK/VLEK.
enum FakeReport {
    static let chipID = (0..<64).map { UInt8($0 * 3 & 0xFF) }

    /// A report with these fields, signed by `key` (little-endian R and S, as the AMD-SP writes them).
    static func make(
        key: P384.Signing.PrivateKey, version: UInt32 = 3, cpuid: CPUID? = CPUID(family: 0x19, model: 0x01, stepping: 1),
        tcb: TCBVersion = TCBVersion(bootloader: 3, tee: 0, snp: 8, microcode: 115), policy: UInt64 = 0x30000,
        keyInfo: UInt32 = 0, chipID: [UInt8] = FakeReport.chipID, reportData: [UInt8] = [UInt8](repeating: 0x5A, count: 64),
        mitigationVectors: Bool = false, platformInfo: UInt64 = 0x25
    ) throws -> AttestationReport {
        func build(_ signature: [UInt8]) throws -> AttestationReport {
            try AttestationReport(
                version: version, guestSVN: 1, policy: policy, familyID: [UInt8](repeating: 1, count: 16),
                imageID: [UInt8](repeating: 2, count: 16), vmpl: 0, currentTCB: tcb.raw, platformInfo: platformInfo,
                keyInfo: keyInfo, reportData: reportData, measurement: [UInt8](repeating: 0xAB, count: 48),
                hostData: [UInt8](repeating: 0, count: 32), idKeyDigest: [UInt8](repeating: 0, count: 48),
                authorKeyDigest: [UInt8](repeating: 0, count: 48), reportID: [UInt8](repeating: 7, count: 32),
                reportIDMA: [UInt8](repeating: 0xFF, count: 32), reportedTCB: tcb.raw, cpuid: version >= 3 ? cpuid : nil,
                chipID: chipID, committedTCB: tcb.raw, currentVersion: FirmwareVersion(major: 1, minor: 55, build: 40),
                committedVersion: FirmwareVersion(major: 1, minor: 55, build: 40), launchTCB: tcb.raw,
                launchMitigationVector: mitigationVectors ? 3 : nil, currentMitigationVector: mitigationVectors ? 7 : nil,
                signature: signature)
        }
        let unsigned = try build([UInt8](repeating: 0, count: 0x200))
        let raw = Array(try key.signature(for: Array(unsigned.signedBytes)).rawRepresentation)
        let r = Array(raw[0..<48].reversed()) + [UInt8](repeating: 0, count: 24)
        let s = Array(raw[48..<96].reversed()) + [UInt8](repeating: 0, count: 24)
        return try build(r + s + [UInt8](repeating: 0, count: 0x200 - 144))
    }
}
