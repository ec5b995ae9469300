import AttestationCore
import Crypto
public import PKI
import _CryptoExtras

extension HCLRuntimeData {
    /// The `kid` of the vTPM attestation key's JWK.
    public static let attestationKeyID = "HCLAkPub"
    /// Largest RSA modulus read from a JWK (RSA-4096).
    public static let maxModulusBytes = 512

    /// The vTPM attestation key (`HCLAkPub`, an RSA JWK), or why there is none.
    public func attestationKey() -> Result<VerificationKey, AzureCVMError> {
        guard let jwk = key(id: Self.attestationKeyID) else {
            return .failure(.malformedRuntimeData("no \(Self.attestationKeyID) key in keys (found \(keyIDs))"))
        }
        guard jwk["kty"]?.stringValue == "RSA", let n = jwk["n"]?.stringValue, let e = jwk["e"]?.stringValue else {
            return .failure(.malformedRuntimeData("\(Self.attestationKeyID) is not an RSA JWK with n and e"))
        }
        guard n.utf8.count <= (Self.maxModulusBytes + 2) / 3 * 4 else {
            return .failure(.malformedRuntimeData("\(Self.attestationKeyID) modulus above \(Self.maxModulusBytes * 8) bits"))
        }
        do {
            return .success(.rsa(try _RSA.Signing.PublicKey(n: try Base64.decode(n), e: try Base64.decode(e))))
        } catch {
            return .failure(.malformedRuntimeData("\(Self.attestationKeyID) is not a usable RSA key (\(error))"))
        }
    }
}
