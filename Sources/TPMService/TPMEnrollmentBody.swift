public import AttestationCore
import Server
import Foundation
public import TPM

/// The bodies of the TPM enrollment endpoints, validated: every member known, every field within its bound.
public enum TPMEnrollmentBody {
    /// Largest body of either endpoint: well above its three bounded base64 fields together, so a field over its
    /// bound is named (400) rather than the whole body refused.
    public static let maxBodyBytes = 256 * 1024
    /// Largest public area accepted for the EK and the AK.
    static let maxPublicAreaBytes = TPMTPublic.maxBytes
    /// Largest EK certificate accepted.
    static let maxCertificateBytes = TPMEvidence.maxCertificateBytes
    /// Largest credential accepted back (the service makes ``AttestationKeyEnrollment/secretBytes``).
    static let maxSecretBytes = MakeCredential.maxCredentialBytes
    /// Longest enrollment id accepted in a path (ids are 43 characters: 32 random bytes, base64url).
    static let maxIDLength = 64

    /// `POST /v1/tpm/enrollments`: `{"ek_public", "ak_public", "ek_certificate"}`, each base64.
    public static func request(_ body: JSONValue) throws -> EnrollmentRequest {
        let members = try object(body, allowed: ["ek_public", "ak_public", "ek_certificate"])
        return EnrollmentRequest(
            ekCertificate: try HTTPBody.base64(members["ek_certificate"], name: "ek_certificate", limit: maxCertificateBytes),
            ekPublic: try HTTPBody.base64(members["ek_public"], name: "ek_public", limit: maxPublicAreaBytes),
            akPublic: try HTTPBody.base64(members["ak_public"], name: "ak_public", limit: maxPublicAreaBytes))
    }

    /// `POST /v1/tpm/enrollments/{id}/activation`: `{"secret"}`, base64.
    public static func response(_ body: JSONValue) throws -> CredentialResponse {
        let members = try object(body, allowed: ["secret"])
        return CredentialResponse(secret: try HTTPBody.base64(members["secret"], name: "secret", limit: maxSecretBytes))
    }

    /// An enrollment id from a path: base64url characters, bounded.
    public static func id(_ text: String?) throws -> String {
        guard let text, (1...maxIDLength).contains(text.utf8.count),
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_".unicodeScalars.contains($0)) })
        else {
            throw TPMEnrollmentFailure.invalidRequest(
                "an enrollment id is 1-\(maxIDLength) base64url characters, as returned by POST /v1/tpm/enrollments")
        }
        return text
    }

    static func object(_ body: JSONValue, allowed: Set<String>) throws -> [String: JSONValue] {
        guard let members = body.objectValue else { throw TPMEnrollmentFailure.invalidRequest("the body must be a JSON object") }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw TPMEnrollmentFailure.invalidRequest("unknown member \"\(unknown)\"; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        return members
    }
}
