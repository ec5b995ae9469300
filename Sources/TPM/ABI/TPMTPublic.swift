public import AttestationCore

/// TPMT_PUBLIC: the public area of an RSA or ECC key (TPM 2.0 Part 2, §12.2.4), kept byte-exact.
///
/// The TPM name of the key is the name algorithm's identifier followed by the digest of ``bytes``.
public struct TPMTPublic: Sendable, Hashable {
    /// Largest TPMT_PUBLIC accepted (an RSA-4096 key with a SHA-512 policy is about 600 bytes).
    public static let maxBytes = 1024
    /// Bound on TPM2B_PUBLIC_KEY_RSA (`MAX_RSA_KEY_BYTES` for 4096-bit keys).
    public static let maxRSAModulusBytes = 512
    /// Bound on TPM2B_ECC_PARAMETER (P-521 coordinates).
    public static let maxECCCoordinateBytes = 66

    /// TPMT_SYM_DEF_OBJECT: the symmetric algorithm of a storage or endorsement key (NULL for others).
    public struct SymmetricDefinition: Sendable, Hashable {
        /// algorithm: AES, SM4, Camellia or NULL.
        public let algorithm: TPMAlgorithmID
        /// keyBits (absent, here 0, when the algorithm is NULL).
        public let keyBits: UInt16
        /// mode (NULL when the algorithm is NULL).
        public let mode: TPMAlgorithmID

        /// No symmetric algorithm.
        public static let null = SymmetricDefinition(algorithm: .null, keyBits: 0, mode: .null)
        /// AES-128 in CFB mode, as TCG endorsement and storage key templates use.
        public static let aes128CFB = SymmetricDefinition(algorithm: .aes, keyBits: 128, mode: .cfb)

        public init(algorithm: TPMAlgorithmID, keyBits: UInt16, mode: TPMAlgorithmID) {
            self.algorithm = algorithm
            self.keyBits = keyBits
            self.mode = mode
        }

        init(parsing reader: inout ByteReader) throws {
            algorithm = try reader.readAlgorithm(field: "TPMT_SYM_DEF_OBJECT.algorithm")
            guard algorithm != .null else {
                keyBits = 0
                mode = .null
                return
            }
            guard [.aes, .camellia, .sm4].contains(algorithm) else {
                throw TPMError.invalidField(structure: "TPMT_SYM_DEF_OBJECT", field: "algorithm", value: algorithm.name)
            }
            keyBits = try reader.readBigEndian(UInt16.self, field: "TPMT_SYM_DEF_OBJECT.keyBits")
            mode = try reader.readAlgorithm(field: "TPMT_SYM_DEF_OBJECT.mode")
        }

        func write(to writer: inout TPMWriter) {
            writer.write(algorithm)
            guard algorithm != .null else { return }
            writer.write(keyBits)
            writer.write(mode)
        }
    }

    /// TPMT_RSA_SCHEME / TPMT_ECC_SCHEME / TPMT_KDF_SCHEME: a scheme and its hash (and ECDAA's count).
    public struct Scheme: Sendable, Hashable {
        /// The scheme (RSASSA, RSAPSS, ECDSA, OAEP, KDF1_SP800_56A, …) or NULL.
        public let scheme: TPMAlgorithmID
        /// hashAlg of the scheme details; NULL when the scheme has none.
        public let hash: TPMAlgorithmID
        /// count, for ECDAA only.
        public let count: UInt16?

        /// No scheme.
        public static let null = Scheme(scheme: .null, hash: .null)

        public init(scheme: TPMAlgorithmID, hash: TPMAlgorithmID, count: UInt16? = nil) {
            self.scheme = scheme
            self.hash = hash
            self.count = count
        }

        init(parsing reader: inout ByteReader, field: String) throws {
            scheme = try reader.readAlgorithm(field: "\(field).scheme")
            switch scheme {
            case .null, .rsaes:
                hash = .null
                count = nil
            case .ecdaa:
                hash = try reader.readAlgorithm(field: "\(field).details.hashAlg")
                count = try reader.readBigEndian(UInt16.self, field: "\(field).details.count")
            default:
                hash = try reader.readAlgorithm(field: "\(field).details.hashAlg")
                count = nil
            }
        }

        func write(to writer: inout TPMWriter) {
            writer.write(scheme)
            guard scheme != .null, scheme != .rsaes else { return }
            writer.write(hash)
            if let count { writer.write(count) }
        }
    }

    /// TPMU_PUBLIC_PARMS for the key types Assay handles.
    public enum Parameters: Sendable, Hashable {
        /// TPMS_RSA_PARMS: symmetric, scheme, keyBits, exponent (0 means 65537).
        case rsa(symmetric: SymmetricDefinition, scheme: Scheme, keyBits: UInt16, exponent: UInt32)
        /// TPMS_ECC_PARMS: symmetric, scheme, curveID, kdf.
        case ecc(symmetric: SymmetricDefinition, scheme: Scheme, curve: TPMECCCurve, kdf: Scheme)

        /// The symmetric definition (for storage and endorsement keys).
        public var symmetric: SymmetricDefinition {
            switch self {
            case .rsa(let symmetric, _, _, _), .ecc(let symmetric, _, _, _): return symmetric
            }
        }

        /// The signing or decryption scheme.
        public var scheme: Scheme {
            switch self {
            case .rsa(_, let scheme, _, _), .ecc(_, let scheme, _, _): return scheme
            }
        }
    }

    /// TPMU_PUBLIC_ID: the public key itself.
    public enum Unique: Sendable, Hashable {
        /// TPM2B_PUBLIC_KEY_RSA: the modulus, big-endian.
        case rsa(modulus: [UInt8])
        /// TPMS_ECC_POINT: the coordinates, big-endian.
        case ecc(x: [UInt8], y: [UInt8])
    }

    /// type (TPMI_ALG_PUBLIC): RSA or ECC.
    public var type: TPMAlgorithmID {
        switch parameters {
        case .rsa: return .rsa
        case .ecc: return .ecc
        }
    }
    /// nameAlg: the hash of the key's name.
    public let nameAlg: TPMAlgorithmID
    /// objectAttributes.
    public let attributes: TPMAObject
    /// authPolicy (TPM2B_DIGEST): the policy that authorises ADMIN (and, without userWithAuth, USER) actions.
    public let authPolicy: [UInt8]
    /// parameters.
    public let parameters: Parameters
    /// unique: the public key.
    public let unique: Unique
    /// The exact bytes of the TPMT_PUBLIC.
    public let bytes: [UInt8]

    /// Reads a TPMT_PUBLIC at the reader's position.
    public init(parsing reader: inout ByteReader) throws {
        let start = reader.offset
        let type = try reader.readAlgorithm(field: "TPMT_PUBLIC.type")
        nameAlg = try reader.readAlgorithm(field: "TPMT_PUBLIC.nameAlg")
        attributes = TPMAObject(rawValue: try reader.readBigEndian(UInt32.self, field: "TPMT_PUBLIC.objectAttributes"))
        authPolicy = try reader.readTPM2B(limit: TPMSAttest.maxDigestBytes, field: "TPMT_PUBLIC.authPolicy")
        switch type {
        case .rsa:
            let symmetric = try SymmetricDefinition(parsing: &reader)
            let scheme = try Scheme(parsing: &reader, field: "TPMS_RSA_PARMS.scheme")
            let keyBits = try reader.readBigEndian(UInt16.self, field: "TPMS_RSA_PARMS.keyBits")
            let exponent = try reader.readBigEndian(UInt32.self, field: "TPMS_RSA_PARMS.exponent")
            parameters = .rsa(symmetric: symmetric, scheme: scheme, keyBits: keyBits, exponent: exponent)
            unique = .rsa(modulus: try reader.readTPM2B(limit: Self.maxRSAModulusBytes, field: "TPMT_PUBLIC.unique.rsa"))
        case .ecc:
            let symmetric = try SymmetricDefinition(parsing: &reader)
            let scheme = try Scheme(parsing: &reader, field: "TPMS_ECC_PARMS.scheme")
            let curve = TPMECCCurve(rawValue: try reader.readBigEndian(UInt16.self, field: "TPMS_ECC_PARMS.curveID"))
            let kdf = try Scheme(parsing: &reader, field: "TPMS_ECC_PARMS.kdf")
            parameters = .ecc(symmetric: symmetric, scheme: scheme, curve: curve, kdf: kdf)
            let x = try reader.readTPM2B(limit: Self.maxECCCoordinateBytes, field: "TPMT_PUBLIC.unique.ecc.x")
            let y = try reader.readTPM2B(limit: Self.maxECCCoordinateBytes, field: "TPMT_PUBLIC.unique.ecc.y")
            unique = .ecc(x: x, y: y)
        default:
            throw TPMError.unsupportedAlgorithm(field: "TPMT_PUBLIC.type", algorithm: type)
        }
        guard reader.offset - start <= Self.maxBytes else {
            throw AttestationCoreError.boundExceeded(field: "TPMT_PUBLIC size", value: reader.offset - start, limit: Self.maxBytes)
        }
        bytes = Array(reader.bytes[(reader.bytes.startIndex + start)..<(reader.bytes.startIndex + reader.offset)])
    }

    /// Parses a TPMT_PUBLIC that fills `bytes` exactly.
    public init(parsing bytes: [UInt8]) throws {
        try TPMError.checkSize(bytes, limit: Self.maxBytes, structure: "TPMT_PUBLIC")
        var reader = ByteReader(bytes)
        self = try TPMError.parsing("TPMT_PUBLIC") {
            let parsed = try TPMTPublic(parsing: &reader)
            try reader.expectEnd(of: "TPMT_PUBLIC")
            return parsed
        }
    }

    /// Parses a TPM2B_PUBLIC (UINT16 size, then a TPMT_PUBLIC of exactly that size) that fills `bytes` exactly.
    public init(parsingSized bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        let inner = try TPMError.parsing("TPM2B_PUBLIC") {
            let inner = try reader.readTPM2B(limit: Self.maxBytes, field: "TPM2B_PUBLIC")
            try reader.expectEnd(of: "TPM2B_PUBLIC")
            return inner
        }
        try self.init(parsing: inner)
    }

    /// Builds and marshals a public area (key templates, software keys in tests).
    public init(
        nameAlg: TPMAlgorithmID, attributes: TPMAObject, authPolicy: [UInt8] = [], parameters: Parameters, unique: Unique
    ) {
        var writer = TPMWriter()
        switch parameters {
        case .rsa: writer.write(TPMAlgorithmID.rsa)
        case .ecc: writer.write(TPMAlgorithmID.ecc)
        }
        writer.write(nameAlg)
        writer.write(attributes.rawValue)
        writer.writeTPM2B(authPolicy)
        switch parameters {
        case .rsa(let symmetric, let scheme, let keyBits, let exponent):
            symmetric.write(to: &writer)
            scheme.write(to: &writer)
            writer.write(keyBits)
            writer.write(exponent)
        case .ecc(let symmetric, let scheme, let curve, let kdf):
            symmetric.write(to: &writer)
            scheme.write(to: &writer)
            writer.write(curve.rawValue)
            kdf.write(to: &writer)
        }
        switch unique {
        case .rsa(let modulus):
            writer.writeTPM2B(modulus)
        case .ecc(let x, let y):
            writer.writeTPM2B(x)
            writer.writeTPM2B(y)
        }
        self.nameAlg = nameAlg
        self.attributes = attributes
        self.authPolicy = authPolicy
        self.parameters = parameters
        self.unique = unique
        self.bytes = writer.bytes
    }

    /// The TPM2B_PUBLIC encoding (size-prefixed), as tpm2-tools writes `-u ak.pub`.
    public var sizedBytes: [UInt8] {
        var writer = TPMWriter()
        writer.writeTPM2B(bytes)
        return writer.bytes
    }

    /// The key's TPM name: nameAlg (UINT16) ‖ H_nameAlg(TPMT_PUBLIC).
    public func name() throws -> [UInt8] {
        [UInt8(nameAlg.rawValue >> 8), UInt8(nameAlg.rawValue & 0xff)] + (try nameAlg.hash(bytes, field: "TPMT_PUBLIC.nameAlg"))
    }

    /// A short description: `RSA-2048`, `ECC P-256`.
    public var keyDescription: String {
        switch parameters {
        case .rsa(_, _, let keyBits, _): return "RSA-\(keyBits)"
        case .ecc(_, _, let curve, _): return "ECC \(curve)"
        }
    }
}
