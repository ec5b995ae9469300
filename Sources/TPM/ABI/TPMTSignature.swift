import AttestationCore

/// TPMT_SIGNATURE: a signature by a TPM key (TPM 2.0 Part 2, §11.3.4), for the schemes an AK signs quotes with.
public struct TPMTSignature: Sendable, Hashable {
    /// Largest TPMT_SIGNATURE accepted (an RSA-4096 signature plus its header).
    public static let maxBytes = 2 + 2 + 2 + TPMTPublic.maxRSAModulusBytes

    /// The signature value per scheme.
    public enum Value: Sendable, Hashable {
        /// TPMS_SIGNATURE_RSASSA: the PKCS#1 v1.5 signature octets.
        case rsassa([UInt8])
        /// TPMS_SIGNATURE_RSAPSS: the PSS signature octets.
        case rsapss([UInt8])
        /// TPMS_SIGNATURE_ECDSA: r and s, big-endian, as the TPM sized them.
        case ecdsa(r: [UInt8], s: [UInt8])

        /// The TPM_ALG_ID of the scheme.
        public var algorithm: TPMAlgorithmID {
            switch self {
            case .rsassa: return .rsassa
            case .rsapss: return .rsapss
            case .ecdsa: return .ecdsa
            }
        }
    }

    /// sigAlg: RSASSA, RSAPSS or ECDSA.
    public var algorithm: TPMAlgorithmID { value.algorithm }
    /// hash: the digest the signature was made over.
    public let hash: TPMAlgorithmID
    /// The signature value.
    public let value: Value
    /// The exact bytes as received.
    public let bytes: [UInt8]

    /// Parses a TPMT_SIGNATURE that fills `bytes` exactly: sigAlg (UINT16), hash (UINT16), then the
    /// scheme's TPM2B values.
    public init(parsing bytes: [UInt8]) throws {
        try TPMError.checkSize(bytes, limit: Self.maxBytes, structure: "TPMT_SIGNATURE")
        var reader = ByteReader(bytes)
        (hash, value) = try TPMError.parsing("TPMT_SIGNATURE") {
            let algorithm = try reader.readAlgorithm(field: "TPMT_SIGNATURE.sigAlg")
            let value: Value
            let hash: TPMAlgorithmID
            switch algorithm {
            case .rsassa, .rsapss:
                hash = try reader.readAlgorithm(field: "TPMS_SIGNATURE_RSA.hash")
                let signature = try reader.readTPM2B(limit: TPMTPublic.maxRSAModulusBytes, field: "TPMS_SIGNATURE_RSA.sig")
                value = algorithm == .rsassa ? .rsassa(signature) : .rsapss(signature)
            case .ecdsa:
                hash = try reader.readAlgorithm(field: "TPMS_SIGNATURE_ECC.hash")
                let r = try reader.readTPM2B(limit: TPMTPublic.maxECCCoordinateBytes, field: "TPMS_SIGNATURE_ECC.signatureR")
                let s = try reader.readTPM2B(limit: TPMTPublic.maxECCCoordinateBytes, field: "TPMS_SIGNATURE_ECC.signatureS")
                value = .ecdsa(r: r, s: s)
            default:
                throw TPMError.unsupportedAlgorithm(field: "TPMT_SIGNATURE.sigAlg", algorithm: algorithm)
            }
            try reader.expectEnd(of: "TPMT_SIGNATURE")
            return (hash, value)
        }
        self.bytes = bytes
    }

    /// Builds and marshals a signature (software signers in tests and benchmarks).
    public init(hash: TPMAlgorithmID, value: Value) {
        var writer = TPMWriter()
        writer.write(value.algorithm)
        writer.write(hash)
        switch value {
        case .rsassa(let signature), .rsapss(let signature):
            writer.writeTPM2B(signature)
        case .ecdsa(let r, let s):
            writer.writeTPM2B(r)
            writer.writeTPM2B(s)
        }
        self.hash = hash
        self.value = value
        self.bytes = writer.bytes
    }

    /// `rsassa-sha256`, `ecdsa-sha256`, … for messages and claims.
    public var schemeDescription: String { "\(algorithm.name)-\(hash.name)" }
}
