import AttestationCore
import Attester
import Foundation
import SampleTEE

/// Produces evidence inside the TEE bound to runtime data, and presents it to an Assay service: the part of
/// `assay attest` that `assay secret get` shares.
struct EvidenceCollector {
    let tee: TEEKind
    /// Sample TEE: the workload to measure.
    let workload: String?
    /// SEV-SNP: the VMPL to request the report at.
    let vmpl: Int
    /// Sample TEE: mark the workload as running in debug mode.
    let debug: Bool
    /// Sample TEE: the workload's security version number.
    let svn: UInt32
    /// TDX: where to save the CC event log and the ACPI CCEL table, if anywhere.
    var eventLogOut: String? = nil
    var ccelTableOut: String? = nil
    /// TPM: the TPM to quote with.
    var tpm: TPMAttesterOptions? = nil

    /// This TEE's evidence bound to the runtime data; for a TPM, a quote by the session's AK (go-attestation
    /// PlatformParameters JSON, the one-blob form `POST /v1/attest` carries).
    func collect(_ runtime: RuntimeData, tpm session: TPMSession? = nil) throws -> Evidence {
        switch tee {
        case .tpm:
            guard let session else { throw CLIError.invalidArgument("--tee tpm needs --tpm to quote with") }
            return Evidence(tee: .tpm, bytes: try session.quote(runtime).platformParameters)
        case .snp:
            return Evidence(tee: .snp, bytes: try SNPAttester().attest(reportData: runtime.reportData(for: .sha512), vmpl: vmpl))
        case .tdx:
            return try collectTDX(runtime)
        case .nitro:
            return try collectNitro(runtime)
        case .sample:
            let measurement = try WorkloadMeasurement.measure(path: URL(fileURLWithPath: workload ?? "."))
            let attester = try SampleAttester(issuer: try SampleDeviceIssuer.development)
            return Evidence(
                tee: .sample, bytes: try attester.attest(measurement: measurement, runtimeData: runtime, debug: debug, svn: svn))
        default:
            throw CLIError.invalidArgument("evidence collection for --tee \(tee) against a service is not supported in this build")
        }
    }

    /// A TDX quote over SHA-512 of the runtime data; saves the CC event log too when asked for.
    func collectTDX(_ runtime: RuntimeData) throws -> Evidence {
        let attester = TDXAttester()
        let quote = try attester.quote(reportData: runtime.reportData(for: .sha512))
        if eventLogOut != nil || ccelTableOut != nil {
            guard let log = try attester.eventLog() else {
                throw CLIError.invalidArgument("this TD publishes no CCEL event log (\(attester.acpiTables.path)/CCEL is absent)")
            }
            if let eventLogOut { try InputFiles.write(log.log, to: eventLogOut) }
            if let ccelTableOut { try InputFiles.write(log.table, to: ccelTableOut) }
        }
        return Evidence(tee: .tdx, bytes: quote)
    }

    /// The NSM device: `ASSAY_NSM_DEVICE` (for tests and unusual layouts), else `/dev/nsm`.
    static var nsmDevice: NSMDevice {
        NSMDevice(path: ProcessInfo.processInfo.environment["ASSAY_NSM_DEVICE"].flatMap { $0.isEmpty ? nil : $0 } ?? NSMDevice.defaultPath)
    }

    /// A Nitro attestation document whose user_data is SHA-512 of the runtime data; its nonce is the runtime data's
    /// `nonce` and its public_key the `tee_pubkey` JWK (compact JSON), when present (ARCHITECTURE.md §1).
    func collectNitro(_ runtime: RuntimeData) throws -> Evidence {
        let document = try NitroAttester(transport: Self.nsmDevice).attest(
            userData: runtime.reportData(for: .sha512), nonce: runtime.nonce.map { Array($0.utf8) },
            publicKey: runtime.teePublicKey.map { JSONValue.object($0).compactBytes })
        return Evidence(tee: .nitro, bytes: document)
    }

    /// Challenge → evidence over `members` plus the nonce → `POST /v1/attest`; for a TPM, a fresh AK enrolled with
    /// the service first; `companions` collects other TEEs' evidence over the same runtime data (the GPUs of a
    /// composite attestation). A rejection (422) is reported on stderr and ends the command with exit status 1.
    func attest(
        to client: AssayClient, members: [String: JSONValue], audience: String? = nil,
        companions: (RuntimeData) throws -> [Evidence] = { _ in [] }
    ) async throws -> (evidence: Evidence, response: JSONValue) {
        let session = try await enrolledTPM(with: client)
        var members = members
        members["nonce"] = .string(try await client.challenge())
        let runtime = RuntimeData(json: members)
        let evidence = try collect(runtime, tpm: session)
        let others = try companions(runtime)
        let response = try await Self.refusing("evidence rejected", by: client) {
            try await client.attest(
                tee: tee, evidence: evidence.bytes, runtimeData: runtime.bytes, audience: audience, companions: others)
        }
        return (evidence, response)
    }

    /// TPM: connects to the TPM, creates a fresh AK and enrolls it with the service by credential activation (the
    /// service checks the EK certificate; TPM2_ActivateCredential answers its challenge); nil for other TEEs.
    func enrolledTPM(with client: AssayClient) async throws -> TPMSession? {
        guard tee == .tpm else { return nil }
        guard let tpm else { throw CLIError.invalidArgument("--tee tpm needs --tpm") }
        let session = try TPMSession(tpm)
        _ = try await Self.refusing("TPM attestation key enrollment refused", by: client) {
            try await session.attester.enroll(session.key, with: client)
        }
        return session
    }

    /// Runs a request; the service's 422 is reported on stderr as `what` and ends the command with exit status 1.
    static func refusing<T>(_ what: String, by client: AssayClient, _ request: () async throws -> T) async throws -> T {
        do { return try await request() } catch AttesterError.service(let status, let type, let detail) where status == 422 {
            FileHandle.standardError.write(Data("assay: \(what) by \(client.baseURL) (\(type)): \(detail)\n".utf8))
            throw ExitStatus.rejected
        }
    }
}
