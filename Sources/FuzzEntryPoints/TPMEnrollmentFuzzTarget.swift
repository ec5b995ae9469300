import AttestationCore
import TPM
import TPMService

/// `tpm-enrollment`: the bodies and path id of the TPM enrollment routes (public: attesters call them before they
/// hold an AK), through ``TPMEnrollmentBody``; a valid request then goes as far as the service takes untrusted
/// bytes before any check of trust: the EK and AK public areas, the AK name and the credential made to the EK.
public enum TPMEnrollmentFuzzTarget: FuzzTarget {
    public static let name = "tpm-enrollment"

    public static func run(_ bytes: [UInt8]) {
        _ = try? TPMEnrollmentBody.id(String(decoding: bytes, as: UTF8.self))
        guard let body = try? JSONValue(parsing: bytes) else { return }
        _ = try? TPMEnrollmentBody.response(body)
        guard let request = try? TPMEnrollmentBody.request(body),
            let ek = try? TPMTPublic(parsing: request.ekPublic),
            let ak = try? TPMTPublic(parsing: request.akPublic),
            let akName = try? ak.name()
        else { return }
        _ = try? MakeCredential.challenge(
            credential: [UInt8](repeating: 0x5a, count: AttestationKeyEnrollment.secretBytes), objectName: akName, ek: ek,
            random: CountingRandomSource())
    }
}
