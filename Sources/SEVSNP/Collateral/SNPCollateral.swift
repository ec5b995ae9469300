public import AttestationCore
public import PKI

/// The AMD certificates and CRLs available to one verification: from `--collateral` items (PEM or DER
/// certificates, PEM chains such as KDS `cert_chain` responses, DER or PEM CRLs) and the report's certificate table.
public struct SNPCollateral: Sendable {
    /// Most certificates or CRLs taken from one collateral set.
    public static let maxObjects = 256

    /// The certificates, in the order given.
    public private(set) var certificates: [AMDCertificate] = []
    /// The CRLs, in the order given.
    public private(set) var crls: [CertificateRevocationList] = []

    public init() {}

    /// Reads every item; an item that is neither a certificate, a chain nor a CRL throws.
    public init(items: [CollateralItem]) throws {
        for item in items { try add(item.bytes, source: item.source) }
    }

    /// Reads the certificates of a certificate table (entries of unknown GUIDs are ignored).
    public init(table: CertificateTable) throws {
        for entry in table.entries where entry.kind != nil {
            try add(entry.data, source: "certificate table entry \(entry.guidText)")
        }
    }

    /// Adds a PEM document or one DER object.
    public mutating func add(_ bytes: [UInt8], source: String) throws {
        if PEM.isPEM(bytes) {
            let blocks: [PEM.Block]
            do { blocks = try PEM.blocks(in: bytes) } catch {
                throw SEVSNPError.malformedCollateral(source: source, reason: "\(error)")
            }
            guard !blocks.isEmpty else {
                throw SEVSNPError.malformedCollateral(source: source, reason: "no PEM blocks")
            }
            for (index, block) in blocks.enumerated() {
                let name = "\(source) block \(index + 1)"
                switch block.label {
                case "CERTIFICATE": try append(AMDCertificate(derEncoded: block.derBytes, source: name))
                case "X509 CRL": try append(crl: block.derBytes, source: name)
                default:
                    throw SEVSNPError.malformedCollateral(
                        source: name, reason: "PEM label \(block.label) is neither CERTIFICATE nor X509 CRL")
                }
            }
        } else if let certificate = try? AMDCertificate(derEncoded: bytes, source: source) {
            try append(certificate)
        } else {
            try append(crl: bytes, source: source)
        }
    }

    /// Adds everything another collateral set holds.
    public mutating func merge(_ other: SNPCollateral) throws {
        for certificate in other.certificates { try append(certificate) }
        for crl in other.crls { try append(crl) }
    }

    mutating func append(_ certificate: AMDCertificate) throws {
        guard certificates.count < Self.maxObjects else {
            throw SEVSNPError.malformedCollateral(source: "collateral", reason: "more than \(Self.maxObjects) certificates")
        }
        certificates.append(certificate)
    }

    mutating func append(_ crl: CertificateRevocationList) throws {
        guard crls.count < Self.maxObjects else {
            throw SEVSNPError.malformedCollateral(source: "collateral", reason: "more than \(Self.maxObjects) CRLs")
        }
        crls.append(crl)
    }

    mutating func append(crl bytes: [UInt8], source: String) throws {
        do {
            try append(try CertificateRevocationList(derEncoded: bytes))
        } catch let error as SEVSNPError {
            throw error
        } catch {
            throw SEVSNPError.malformedCollateral(
                source: source, reason: "neither an X.509 certificate nor a CRL in PEM or DER (\(error))")
        }
    }

    /// The certificates of one role.
    public func certificates(_ role: AMDCertificate.Role) -> [AMDCertificate] {
        certificates.filter { $0.role == role }
    }
}
