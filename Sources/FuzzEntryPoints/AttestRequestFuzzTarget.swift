import AttestationCore
import Server

/// `attest-request`: the body of `POST /v1/attest` (public route), parsed as JSON and validated by
/// ``AttestRequest`` with every TEE enabled.
public enum AttestRequestFuzzTarget: FuzzTarget {
    public static let name = "attest-request"
    /// Every TEE kind Assay knows.
    static let enabledTEEs: Set<String> = ["sample", "snp", "tdx", "sgx", "tpm", "nitro"]

    public static func run(_ bytes: [UInt8]) {
        guard let body = try? JSONValue(parsing: bytes) else { return }
        _ = try? AttestRequest(json: body, enabledTEEs: enabledTEEs)
    }
}
