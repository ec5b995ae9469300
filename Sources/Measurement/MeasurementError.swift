/// Why a launch measurement cannot be computed from the given firmware and parameters.
public enum MeasurementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The firmware image is not an OVMF build with the tables SEV-SNP measurement needs.
    case firmware(String)
    /// A parameter is out of range or unknown.
    case parameter(String)
    /// The firmware cannot measure a kernel, initrd and command line (no kernel-hashes section).
    case noKernelHashes

    public var description: String {
        switch self {
        case .firmware(let reason): return "unusable firmware image: \(reason)"
        case .parameter(let reason): return reason
        case .noKernelHashes:
            return "--kernel was given, but this OVMF has no SNP kernel-hashes section: measured direct boot needs an "
                + "AmdSev build (OvmfPkg/AmdSev/AmdSevX64.dsc)"
        }
    }
}
