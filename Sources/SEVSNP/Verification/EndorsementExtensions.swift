public import AttestationCore
public import PKI
import SwiftASN1

/// The AMD extensions of a VCEK or VLEK certificate (VCEK Certificate and KDS Interface Specification), under
/// 1.3.6.1.4.1.3704.1: `.1` structVersion, `.2` productName, `.3.N` SPL values, `.4` hwID (VCEK), `.5` CSP ID
/// (VLEK).
///
/// The SPL INTEGERs and the IA5String product name are DER, but genuine VCEKs carry the hwID as the raw 64 (Turin:
/// 8) bytes directly inside extnValue; a DER OCTET STRING around them is accepted too and recorded.
public struct EndorsementExtensions: Sendable, Hashable {
    /// The arc every AMD extension lives under.
    public static let arc = "1.3.6.1.4.1.3704.1"
    /// SPL extension numbers (`.3.N`) of the TCB components.
    public static let bootloaderSPL = 1, teeSPL = 2, snpSPL = 3, microcodeSPL = 8, fmcSPL = 9

    /// How the hwID extension was encoded.
    public enum HardwareIDEncoding: String, Sendable, Hashable {
        /// The bytes directly in extnValue (what AMD KDS issues).
        case raw
        /// A DER OCTET STRING inside extnValue.
        case derOctetString = "der_octet_string"
    }

    /// `.1` structVersion.
    public let structVersion: Int?
    /// `.2` productName (`Milan-B0`, `Genoa`, `Turin`, `Milan` for VLEKs).
    public let productName: String?
    /// `.3.N` SPL values by N.
    public let spl: [Int: Int]
    /// `.4` hwID, the chip's identifier (VCEK only).
    public let hardwareID: [UInt8]?
    /// How ``hardwareID`` was encoded.
    public let hardwareIDEncoding: HardwareIDEncoding?
    /// `.5` the cloud provider's ID (VLEK only).
    public let cspID: String?

    /// Reads the AMD extensions of a certificate; malformed DER inside a known extension throws.
    public init(_ extensions: [X509Certificate.Extension]) throws {
        var structVersion: Int?
        var productName: String?
        var spl: [Int: Int] = [:]
        var hardwareID: [UInt8]?
        var encoding: HardwareIDEncoding?
        var cspID: String?
        for ext in extensions where ext.oid.hasPrefix(Self.arc + ".") {
            let suffix = ext.oid.dropFirst(Self.arc.count + 1)
            do {
                switch suffix {
                case "1": structVersion = try Int(derEncoded: try DER.parse(ext.value))
                case "2": productName = try Self.string(ext.value)
                case "4": (hardwareID, encoding) = try Self.hardwareID(ext.value)
                case "5": cspID = try Self.string(ext.value)
                default:
                    if suffix.hasPrefix("3."), let number = Int(suffix.dropFirst(2)) {
                        spl[number] = try Int(derEncoded: try DER.parse(ext.value))
                    }
                }
            } catch let error as SEVSNPError {
                throw error
            } catch {
                throw SEVSNPError.malformedCollateral(source: "AMD extension \(ext.oid)", reason: "\(error)")
            }
        }
        self.structVersion = structVersion
        self.productName = productName
        self.spl = spl
        self.hardwareID = hardwareID
        self.hardwareIDEncoding = encoding
        self.cspID = cspID
    }

    static func string(_ value: [UInt8]) throws -> String {
        let node = try DER.parse(value)
        guard case .primitive(let content) = node.content,
            [ASN1Identifier.ia5String, .utf8String, .printableString].contains(node.identifier)
        else {
            throw SEVSNPError.malformedCollateral(source: "AMD string extension", reason: "not an IA5/UTF8/Printable string")
        }
        return String(decoding: content, as: UTF8.self)
    }

    static func hardwareID(_ value: [UInt8]) throws -> ([UInt8], HardwareIDEncoding) {
        if value.count == 64 || value.count == 8 { return (value, .raw) }
        let node = try DER.parse(value)
        guard node.identifier == .octetString, case .primitive(let content) = node.content,
            content.count == 64 || content.count == 8
        else {
            throw SEVSNPError.malformedCollateral(
                source: "VCEK hwID extension", reason: "\(value.count) bytes, neither raw 64/8 bytes nor an OCTET STRING of them")
        }
        return (Array(content), .derOctetString)
    }

    /// The TCB the certificate was issued for, in a generation's layout (nil when an SPL is missing).
    public func tcb(layout: TCBVersion.Layout) -> TCBVersion? {
        guard let bootloader = spl[Self.bootloaderSPL].flatMap(UInt8.init(exactly:)),
            let tee = spl[Self.teeSPL].flatMap(UInt8.init(exactly:)),
            let snp = spl[Self.snpSPL].flatMap(UInt8.init(exactly:)),
            let microcode = spl[Self.microcodeSPL].flatMap(UInt8.init(exactly:))
        else { return nil }
        if layout == .turin {
            guard let fmc = spl[Self.fmcSPL].flatMap(UInt8.init(exactly:)) else { return nil }
            return TCBVersion(bootloader: bootloader, tee: tee, snp: snp, microcode: microcode, fmc: fmc)
        }
        return TCBVersion(bootloader: bootloader, tee: tee, snp: snp, microcode: microcode)
    }

    /// `{struct_version, product_name, spl: {"1": …}, hwid, hwid_encoding, csp_id}` (present members only).
    public var claims: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "spl": .object(Dictionary(uniqueKeysWithValues: spl.map { (String($0.key), .integer(Int64($0.value))) }))
        ]
        if let structVersion { members["struct_version"] = .integer(Int64(structVersion)) }
        if let productName { members["product_name"] = .string(productName) }
        if let hardwareID { members["hwid"] = .hex(hardwareID) }
        if let hardwareIDEncoding { members["hwid_encoding"] = .string(hardwareIDEncoding.rawValue) }
        if let cspID { members["csp_id"] = .string(cspID) }
        return members
    }
}
