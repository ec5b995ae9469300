public import AttestationCore
import Crypto
public import Foundation
public import Storage

/// Audit records whose fields that a request chose (client-supplied paths, TEE names, nonces, error texts) are cut
/// to fixed bounds, so a record costs a few kilobytes at most whatever the request carried.
public enum AuditEntry {
    /// Longest TEE name, nonce or client address kept.
    public static let maxShortField = 64
    /// Longest resource path kept.
    public static let maxPath = 256
    /// Longest detail document kept; a longer one is replaced by its size, digest and first kilobyte.
    public static let maxDetailBytes = 4096

    /// A record with every free-form field bounded.
    public static func make(
        at instant: Date, kind: String, client: String, tee: String = "", nonce: String? = nil, outcome: String,
        claimsSHA256: String = "", policyID: String = "", policySHA256: String = "", detail: [String: JSONValue]
    ) -> AuditRecord {
        AuditRecord(
            at: instant, kind: kind, client: cut(client, maxShortField), tee: cut(tee, maxShortField),
            nonce: nonce.map { cut($0, maxShortField) }, outcome: outcome, claimsSHA256: claimsSHA256,
            policyID: cut(policyID, maxPath + 16), policySHA256: policySHA256, detail: bounded(.object(detail)))
    }

    /// `text` cut to at most `limit` UTF-8 bytes (on a character boundary).
    public static func cut(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        for character in text {
            guard result.utf8.count + character.utf8.count <= limit else { break }
            result.append(character)
        }
        return result
    }

    /// The detail's compact JSON text, or a stand-in when it is longer than ``maxDetailBytes``.
    static func bounded(_ detail: JSONValue) -> String {
        let bytes = detail.compactBytes
        guard bytes.count > maxDetailBytes else { return String(decoding: bytes, as: UTF8.self) }
        return JSONValue.object([
            "truncated": .bool(true), "bytes": .integer(Int64(bytes.count)),
            "sha256": .string(Hex.encode(SHA256.hash(data: bytes))),
            "head": .string(cut(String(decoding: bytes.prefix(1024), as: UTF8.self), 1024)),
        ]).compactText
    }
}
