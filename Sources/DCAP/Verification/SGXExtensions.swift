import AttestationCore
public import SwiftASN1
public import X509

/// Intel's SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's TCB, FMSPC and PCE ID.
///
/// `SEQUENCE OF SEQUENCE { OID, value }` with `.1` PPID, `.2` TCB (`.2.1`…`.2.16` component SVNs, `.2.17`
/// PCESVN, `.2.18` CPUSVN), `.3` PCE-ID, `.4` FMSPC, `.5` SGX type, `.6` platform instance ID and `.7`
/// configuration (both only in certificates of the Platform CA for multi-package platforms).
public struct SGXExtensions: Sendable, Hashable {
    /// The extension's OID.
    public static let oid: ASN1ObjectIdentifier = [1, 2, 840, 113741, 1, 13, 1]
    /// Bound on the entries of the extension and of its TCB sequence.
    static let maxEntries = 32

    /// PPID (16 bytes).
    public let ppid: [UInt8]
    /// The 16 SGX TCB component SVNs.
    public let tcbComponents: [UInt8]
    /// PCESVN.
    public let pceSVN: UInt16
    /// CPUSVN (16 bytes).
    public let cpuSVN: [UInt8]
    /// PCE-ID (2 bytes).
    public let pceID: [UInt8]
    /// FMSPC (6 bytes): the platform family whose TCB info applies.
    public let fmspc: [UInt8]
    /// SGX type: 0 standard, 1 scalable, 2 scalable with integrity.
    public let sgxType: Int
    /// Platform instance ID (16 bytes), if present.
    public let platformInstanceID: [UInt8]?

    /// Reads the extension of `certificate`; throws when it is absent or malformed.
    public init(certificate: Certificate) throws {
        guard let extensionValue = certificate.extensions[oid: Self.oid]?.value else {
            throw DCAPError.malformedSGXExtension("the PCK certificate has no SGX extension")
        }
        do {
            var values: [[UInt]: ASN1Node] = [:]
            try Self.entries(of: try DER.parse(Array(extensionValue))) { values[$0.oidComponents] = $1 }
            func value(_ arc: UInt) throws -> ASN1Node {
                guard let node = values[Self.oid.oidComponents + [arc]] else {
                    throw DCAPError.malformedSGXExtension("entry \(Self.oid).\(arc) is missing")
                }
                return node
            }
            ppid = try Self.octets(try value(1), length: 16, name: "PPID")
            var tcb: [[UInt]: ASN1Node] = [:]
            try Self.entries(of: try value(2)) { tcb[$0.oidComponents] = $1 }
            let tcbOID = Self.oid.oidComponents + [2]
            func tcbValue(_ arc: UInt) throws -> ASN1Node {
                guard let node = tcb[tcbOID + [arc]] else {
                    throw DCAPError.malformedSGXExtension("TCB entry \(Self.oid).2.\(arc) is missing")
                }
                return node
            }
            tcbComponents = try (1...16).map { UInt8(try Self.integer(try tcbValue(UInt($0)), limit: 255, name: "TCB component \($0)")) }
            pceSVN = UInt16(try Self.integer(try tcbValue(17), limit: 65535, name: "PCESVN"))
            cpuSVN = try Self.octets(try tcbValue(18), length: 16, name: "CPUSVN")
            pceID = try Self.octets(try value(3), length: 2, name: "PCE-ID")
            fmspc = try Self.octets(try value(4), length: 6, name: "FMSPC")
            let type = try value(5)
            guard type.identifier == .enumerated, case .primitive(let typeBytes) = type.content, typeBytes.count == 1 else {
                throw DCAPError.malformedSGXExtension("SGX type must be a one-byte ENUMERATED")
            }
            sgxType = Int(typeBytes[typeBytes.startIndex])
            platformInstanceID = try values[Self.oid.oidComponents + [6]].map {
                try Self.octets($0, length: 16, name: "platform instance ID")
            }
        } catch let error as DCAPError {
            throw error
        } catch {
            throw DCAPError.malformedSGXExtension("\(error)")
        }
    }

    /// Calls `body` with each `SEQUENCE { OID, value }` of a `SEQUENCE OF`, rejecting duplicates.
    static func entries(of node: ASN1Node, _ body: (ASN1ObjectIdentifier, ASN1Node) throws -> Void) throws {
        var seen = Set<ASN1ObjectIdentifier>()
        try DER.sequence(node, identifier: .sequence) { nodes in
            while let entry = nodes.next() {
                guard seen.count < maxEntries else { throw DCAPError.malformedSGXExtension("more than \(maxEntries) entries") }
                try DER.sequence(entry, identifier: .sequence) { pair in
                    guard let oidNode = pair.next(), let valueNode = pair.next() else {
                        throw DCAPError.malformedSGXExtension("an entry lacks its OID or value")
                    }
                    let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
                    guard seen.insert(oid).inserted else { throw DCAPError.malformedSGXExtension("entry \(oid) appears twice") }
                    try body(oid, valueNode)
                }
            }
        }
    }

    static func octets(_ node: ASN1Node, length: Int, name: String) throws -> [UInt8] {
        let bytes = try ASN1OctetString(derEncoded: node).bytes
        guard bytes.count == length else {
            throw DCAPError.malformedSGXExtension("\(name) is \(bytes.count) bytes, expected \(length)")
        }
        return Array(bytes)
    }

    static func integer(_ node: ASN1Node, limit: Int, name: String) throws -> Int {
        let value = try Int(derEncoded: node)
        guard value >= 0, value <= limit else {
            throw DCAPError.malformedSGXExtension("\(name) is \(value), outside 0...\(limit)")
        }
        return value
    }
}
