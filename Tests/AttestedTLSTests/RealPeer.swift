import Appraisal
import AssayTestSupport
import Attestation
import AttestationCore
import AttestedTLS
import DCAP
import Foundation
import Nitro

/// What the real-certificate tests share: a policy that verifies SGX and Nitro evidence as of a given instant, with
/// partial collateral (the RA-TLS vectors ship no TCB info for their platforms), under the default appraisal policy
/// or the SGX-lenient data document below.
enum RealPeer {
    /// `data.profiles.sgx` for debug enclaves without TCB info: hardware-rooted, no debug claims, no status claim (so
    /// neither the DEBUG attribute nor the absent TCB status contraindicates); the appraisal is then `warning`
    /// (no reference values for the executables).
    static let lenientSGXData: JSONValue = [
        "profiles": ["sgx": ["genuine_hardware": true, "debug_claims": [], "encrypted_memory": true]]
    ]

    static func policy(asOf: Date, data: JSONValue? = nil) throws -> PeerVerificationPolicy {
        PeerVerificationPolicy(
            pipeline: AttestationPipeline(
                verifiers: [DCAPVerifier(tee: .sgx), NitroVerifier()],
                appraiser: Appraiser(policy: try RegoAppraisalPolicy.standard(data: data), referenceValues: ReferenceValueSet()),
                signingKey: nil, build: "AttestedTLSTests"),
            asOf: asOf, allowsPartialCollateral: true)
    }

    /// The first certificate of a PEM file under the shared vectors.
    static func certificate(_ path: String) throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: SharedVectors.root.appendingPathComponent(path)))
        guard let der = try PEM.certificates(in: bytes).first else { throw Failure.noCertificate(path) }
        return der
    }

    enum Failure: Error {
        case noCertificate(String)
    }
}
