public import AttestationCore

/// Produces evidence inside the TEE for attested certificates.
public protocol EvidenceSource: Sendable {
    /// The TEE.
    var tee: TEEKind { get }
    /// Evidence bound to `runtimeData` by this TEE's binding rule (ARCHITECTURE.md §1).
    func evidence(bindingRuntimeData runtimeData: RuntimeData) async throws -> Evidence
    /// A DCAP quote whose 64-byte report data is exactly `reportData`, for TCG tagged evidence; nil for TEEs that
    /// have none (only SGX and TDX do).
    func quote(reportData: [UInt8]) async throws -> [UInt8]?
}

extension EvidenceSource {
    public func quote(reportData: [UInt8]) async throws -> [UInt8]? { nil }
}
