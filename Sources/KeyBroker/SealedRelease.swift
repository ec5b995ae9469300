public import AttestationCore
public import Crypto
import Foundation

/// A released secret sealed with HPKE (RFC 9180, base mode) to the workload's ``TEEPublicKey``.
///
/// Suite: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; `info` is ``info``; the associated data is the
/// secret's path, so a sealed value cannot be passed off as another path's. Only the holder of the TEE's private
/// key can open it: a token stolen in transit releases nothing usable.
public struct SealedRelease: Sendable, Hashable {
    /// The HPKE suite, as named in the JSON form.
    public static let suiteName = "DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM"
    /// HPKE `info`.
    public static let info = "assay secret release v1"
    /// Length of a P-256 encapsulated key (uncompressed point).
    public static let encapsulatedKeyBytes = 65
    /// Largest ciphertext accepted when reading a release: the largest value plus the AES-GCM tag.
    public static let maxCiphertextBytes = SecretEnvelope.maxValueBytes + 16

    static let suite = HPKE.Ciphersuite.P256_SHA256_AES_GCM_256

    /// The secret's path (the associated data).
    public let path: String
    /// HPKE `enc`.
    public let encapsulatedKey: [UInt8]
    /// The sealed value with its tag.
    public let ciphertext: [UInt8]

    public init(path: String, encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
        self.path = path
        self.encapsulatedKey = encapsulatedKey
        self.ciphertext = ciphertext
    }

    /// Seals `value` to `recipient`.
    public static func seal(_ value: [UInt8], path: SecretPath, to recipient: TEEPublicKey) throws -> SealedRelease {
        var sender = try HPKE.Sender(recipientKey: recipient.key, ciphersuite: suite, info: Data(info.utf8))
        let ciphertext = try sender.seal(value, authenticating: Array(path.text.utf8))
        return SealedRelease(path: path.text, encapsulatedKey: Array(sender.encapsulatedKey), ciphertext: Array(ciphertext))
    }

    /// Opens the value with the TEE's private key; throws when the key is not the one it was sealed to.
    public func open(with privateKey: P256.KeyAgreement.PrivateKey) throws(KeyBrokerError) -> [UInt8] {
        do {
            var recipient = try HPKE.Recipient(
                privateKey: privateKey, ciphersuite: Self.suite, info: Data(Self.info.utf8),
                encapsulatedKey: Data(encapsulatedKey))
            return Array(try recipient.open(ciphertext, authenticating: Array(path.utf8)))
        } catch {
            throw .cannotOpen("the released secret \(path) was not sealed to this TEE key (or was altered in transit)")
        }
    }

    /// `{"path", "suite", "enc", "ciphertext"}` with base64 bytes.
    public var json: JSONValue {
        .object([
            "path": .string(path), "suite": .string(Self.suiteName), "enc": .string(Base64.encode(encapsulatedKey)),
            "ciphertext": .string(Base64.encode(ciphertext)),
        ])
    }

    /// Reads the JSON form, checking the suite and the sizes.
    public init(json: JSONValue) throws(KeyBrokerError) {
        guard let path = json["path"]?.stringValue, path.utf8.count <= SecretPath.maxLength else {
            throw .malformedRelease("no \"path\" string of at most \(SecretPath.maxLength) bytes")
        }
        guard json["suite"]?.stringValue == Self.suiteName else {
            throw .malformedRelease("\"suite\" must be \"\(Self.suiteName)\"")
        }
        guard let enc = json["enc"]?.stringValue, let encBytes = try? Base64.decode(enc),
            encBytes.count == Self.encapsulatedKeyBytes
        else {
            throw .malformedRelease("\"enc\" must be base64 of a \(Self.encapsulatedKeyBytes)-byte P-256 point")
        }
        guard let sealed = json["ciphertext"]?.stringValue, sealed.utf8.count <= (Self.maxCiphertextBytes / 3 + 1) * 4,
            let sealedBytes = try? Base64.decode(sealed), (17...Self.maxCiphertextBytes).contains(sealedBytes.count)
        else {
            throw .malformedRelease("\"ciphertext\" must be base64 of 17 to \(Self.maxCiphertextBytes) bytes")
        }
        self.init(path: path, encapsulatedKey: encBytes, ciphertext: sealedBytes)
    }
}
