public import Crypto
import Foundation

/// An ES256 signing key with its `kid`, stored as a PKCS#8 PEM file readable only by its owner (0600).
public struct TokenSigningKey: Sendable {
    /// The private key.
    public let privateKey: P256.Signing.PrivateKey
    /// The key identifier (the public key's RFC 7638 thumbprint), computed once: every token carries it.
    public let kid: String

    public init(privateKey: P256.Signing.PrivateKey = P256.Signing.PrivateKey()) {
        self.privateKey = privateKey
        kid = JWK.thumbprint(of: privateKey.publicKey)
    }

    /// The public half as a JWK (its `kid` is the thumbprint).
    public var jwk: JWK { JWK(publicKey: privateKey.publicKey) }

    /// PKCS#8 PEM.
    public var pem: String { privateKey.pemRepresentation }

    /// Reads a PEM key (PKCS#8 or SEC1 EC private key).
    public init(pem: String) throws {
        do {
            self.init(privateKey: try P256.Signing.PrivateKey(pemRepresentation: pem))
        } catch {
            throw TokenError.invalidKey("not a P-256 private key in PEM (PKCS#8 or SEC1): \(error)")
        }
    }

    /// Reads a key file, refusing files that others can read.
    public init(contentsOf path: String) throws {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw TokenError.keyFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw TokenError.keyFile(
                path: path,
                reason: "permissions are \(String(mode, radix: 8)); a signing key must be private: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 16 * 1024 else {
            throw TokenError.keyFile(path: path, reason: "cannot read it or it is not a key file")
        }
        try self.init(pem: String(decoding: data, as: UTF8.self))
    }

    /// Writes the key to a new file with mode 0600; refuses to overwrite an existing file.
    public func write(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "already exists; remove it or choose another path" : String(cString: strerror(errno))
            throw TokenError.keyFile(path: path, reason: reason)
        }
        let bytes = Array(pem.utf8)
        let written = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
        let closed = close(fd)
        guard written == bytes.count, closed == 0 else {
            unlink(path)
            throw TokenError.keyFile(path: path, reason: "write failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// `write(2)`, named apart from ``TokenSigningKey/write(to:)``.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
