import SwiftASN1

/// PEM (RFC 7468) blocks in text: certificates, CRLs and keys as vendors publish them.
public enum PEM {
    /// One decoded block.
    public struct Block: Sendable, Hashable {
        /// The label, e.g. `CERTIFICATE` or `X509 CRL`.
        public let label: String
        /// The DER bytes.
        public let derBytes: [UInt8]
    }

    /// Whether the bytes look like PEM text.
    public static func isPEM(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(64 * 1024), as: UTF8.self).contains("-----BEGIN ")
    }

    /// Every block in the text, in order; throws if a block is malformed.
    public static func blocks(in bytes: [UInt8]) throws -> [Block] {
        guard isPEM(bytes) else { return [] }
        do {
            return try PEMDocument.parseMultiple(pemString: String(decoding: bytes, as: UTF8.self)).map {
                Block(label: $0.discriminator, derBytes: $0.derBytes)
            }
        } catch {
            throw AttestationCoreError.invalidPEM(reason: "\(error)")
        }
    }

    /// One block as PEM text (`-----BEGIN <label>-----`, base64 in 64-character lines, `-----END <label>-----`).
    public static func encode(_ der: [UInt8], label: String) -> String {
        PEMDocument(type: label, derBytes: der).pemString + "\n"
    }

    /// The DER bytes of every `CERTIFICATE` block.
    public static func certificates(in bytes: [UInt8]) throws -> [[UInt8]] {
        try blocks(in: bytes).filter { $0.label == "CERTIFICATE" }.map(\.derBytes)
    }
}
