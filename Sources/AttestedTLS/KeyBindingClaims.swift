import CBOR
import AttestationCore

/// What attested-TLS evidence binds, as a CBOR map (the claims of TCG DICE tagged evidence, which Assay's own
/// certificates use too): `{"pubkey-hash": bstr .cbor [alg, H(SPKI DER)], ?"nonce": bstr,
/// ?"peer-pubkey-hash": bstr .cbor [alg, H(peer SPKI DER)]}`.
///
/// `nonce` is the verifier's fresh nonce (fresh mode); `peer-pubkey-hash` (Assay's addition, mutual mode) names the
/// key of the peer this certificate was minted for, so that a relay cannot splice two sessions.
public struct KeyBindingClaims: Sendable, Hashable {
    /// A hash of a SubjectPublicKeyInfo.
    public struct KeyHash: Sendable, Hashable, CustomStringConvertible {
        public let algorithm: KeyHashAlgorithm
        public let digest: [UInt8]

        public init(algorithm: KeyHashAlgorithm, digest: [UInt8]) {
            self.algorithm = algorithm
            self.digest = digest
        }

        /// The hash of `spki` with `algorithm`.
        public init(of spki: [UInt8], algorithm: KeyHashAlgorithm = .sha256) {
            self.init(algorithm: algorithm, digest: algorithm.digest(spki))
        }

        /// Whether this names `spki`.
        public func names(_ spki: [UInt8]) -> Bool { algorithm.digest(spki) == digest }

        public var description: String { "\(algorithm.name):\(Hex.encode(digest))" }

        var cbor: CBORValue { .bytes(CBORWriter.encode(.array([.unsigned(algorithm.rawValue), .bytes(digest)]))) }

        /// Reads `bstr .cbor [alg, digest]`, or the bare array some producers write.
        init(_ value: CBORValue, claim: String) throws {
            var item = value
            if let wrapped = value.bytesValue {
                do { item = try CBORReader.decode(wrapped) } catch { throw KeyBindingClaims.malformed("\(claim): \(error)") }
            }
            guard let pair = item.arrayValue, pair.count == 2, case .unsigned(let id) = pair[0],
                let digest = pair[1].bytesValue
            else { throw KeyBindingClaims.malformed("\(claim) is not [hash-alg-id, digest]") }
            guard let algorithm = KeyHashAlgorithm(rawValue: id) else {
                throw KeyBindingClaims.malformed("\(claim) names hash algorithm \(id) (known: 1 sha-256, 7 sha-384, 8 sha-512)")
            }
            guard digest.count == algorithm.digest([]).count else {
                throw KeyBindingClaims.malformed("\(claim) digest of \(digest.count) bytes for \(algorithm.name)")
            }
            self.init(algorithm: algorithm, digest: digest)
        }
    }

    /// Longest nonce accepted.
    public static let maxNonceBytes = 64

    /// The certificate key's hash (mandatory).
    public let publicKeyHash: KeyHash
    /// The verifier's nonce, in fresh mode.
    public let nonce: [UInt8]?
    /// The peer's key hash, in mutual mode.
    public let peerPublicKeyHash: KeyHash?

    public init(publicKeyHash: KeyHash, nonce: [UInt8]? = nil, peerPublicKeyHash: KeyHash? = nil) {
        self.publicKeyHash = publicKeyHash
        self.nonce = nonce
        self.peerPublicKeyHash = peerPublicKeyHash
    }

    /// Reads the claims map; unknown claims are ignored.
    public init(cbor bytes: [UInt8]) throws {
        let value: CBORValue
        do { value = try CBORReader.decode(bytes) } catch { throw Self.malformed("\(error)") }
        guard value.mapValue != nil else { throw Self.malformed("the claims are not a CBOR map") }
        guard let hash = value["pubkey-hash"] else {
            throw Self.malformed("no pubkey-hash claim: the evidence does not name the certificate's key")
        }
        publicKeyHash = try KeyHash(hash, claim: "pubkey-hash")
        switch value["nonce"] {
        case nil: nonce = nil
        case .bytes(let bytes) where bytes.count <= Self.maxNonceBytes: nonce = bytes
        case .some: throw Self.malformed("nonce is not a byte string of at most \(Self.maxNonceBytes) bytes")
        }
        peerPublicKeyHash = try value["peer-pubkey-hash"].map { try KeyHash($0, claim: "peer-pubkey-hash") }
    }

    /// The encoding (claims in a fixed order, so that equal claims encode equally).
    public var encoded: [UInt8] {
        var entries = [CBORMapEntry(.text("pubkey-hash"), publicKeyHash.cbor)]
        if let nonce { entries.append(CBORMapEntry(.text("nonce"), .bytes(nonce))) }
        if let peerPublicKeyHash { entries.append(CBORMapEntry(.text("peer-pubkey-hash"), peerPublicKeyHash.cbor)) }
        return CBORWriter.encode(.map(entries))
    }

    static func malformed(_ reason: String) -> AttestedTLSError {
        .malformedExtension(carrier: "key-binding claims", reason: reason)
    }
}
