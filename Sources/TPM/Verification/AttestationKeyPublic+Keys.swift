public import PKI
import Crypto
import _CryptoExtras

extension TPMTPublic {
    /// The public key as a signature verification key (RSA, ECC P-256 or P-384).
    public func verificationKey() throws -> VerificationKey {
        switch (parameters, unique) {
        case (.rsa(_, _, _, let exponent), .rsa(let modulus)):
            do {
                return .rsa(try _RSA.Signing.PublicKey(n: modulus, e: Self.exponentBytes(exponent)))
            } catch {
                throw TPMError.unsupportedKey("RSA modulus of \(modulus.count * 8) bits (\(error))")
            }
        case (.ecc(_, _, let curve, _), .ecc(let x, let y)):
            let point = try eccPoint(curve: curve, x: x, y: y)
            do {
                switch curve {
                case .nistP256: return .p256(try P256.Signing.PublicKey(x963Representation: point))
                case .nistP384: return .p384(try P384.Signing.PublicKey(x963Representation: point))
                default: throw TPMError.unsupportedKey("ECC signing keys on \(curve)")
                }
            } catch let error as TPMError {
                throw error
            } catch {
                throw TPMError.unsupportedKey("the ECC point is not on \(curve)")
            }
        default:
            throw TPMError.unsupportedKey("the public area's parameters and unique field disagree")
        }
    }

    /// The DER SubjectPublicKeyInfo of the key, to compare with an X.509 certificate's key.
    public func subjectPublicKeyInfo() throws -> [UInt8] {
        switch try verificationKey() {
        case .rsa(let key): return Array(key.derRepresentation)
        case .p256(let key): return Array(key.derRepresentation)
        case .p384(let key): return Array(key.derRepresentation)
        }
    }

    /// The uncompressed SEC1 point `04 ‖ X ‖ Y`, each coordinate left-padded to the curve's size.
    func eccPoint(curve: TPMECCCurve, x: [UInt8], y: [UInt8]) throws -> [UInt8] {
        guard let size = curve.coordinateSize, x.count <= size, y.count <= size else {
            throw TPMError.unsupportedKey("ECC point with \(x.count)- and \(y.count)-byte coordinates on \(curve)")
        }
        return [0x04] + [UInt8](repeating: 0, count: size - x.count) + x + [UInt8](repeating: 0, count: size - y.count) + y
    }

    /// The RSA public exponent as big-endian bytes (0 in a TPM public area means 65537).
    static func exponentBytes(_ exponent: UInt32) -> [UInt8] {
        let value = exponent == 0 ? 65537 : exponent
        return Array(withUnsafeBytes(of: value.bigEndian, Array.init).drop { $0 == 0 })
    }
}

extension AttestationKeyPublic {
    /// The key that verifies quote signatures.
    public func verificationKey() throws -> VerificationKey {
        switch self {
        case .tpm(let area): return try area.verificationKey()
        case .subjectPublicKeyInfo(let der): return try VerificationKey(subjectPublicKeyInfo: der)
        }
    }

    /// The DER SubjectPublicKeyInfo, to compare with a certificate.
    public func subjectPublicKeyInfo() throws -> [UInt8] {
        switch self {
        case .tpm(let area): return try area.subjectPublicKeyInfo()
        case .subjectPublicKeyInfo(let der):
            switch try VerificationKey(subjectPublicKeyInfo: der) {
            case .rsa(let key): return Array(key.derRepresentation)
            case .p256(let key): return Array(key.derRepresentation)
            case .p384(let key): return Array(key.derRepresentation)
            }
        }
    }

    /// `RSA-2048`, `ECC P-256`.
    public var keyDescription: String {
        switch self {
        case .tpm(let area): return area.keyDescription
        case .subjectPublicKeyInfo(let der):
            switch try? VerificationKey(subjectPublicKeyInfo: der) {
            case .rsa(let key): return "RSA-\(key.keySizeInBits)"
            case .p256: return "ECC P-256"
            case .p384: return "ECC P-384"
            case nil: return "unknown key"
            }
        }
    }
}
