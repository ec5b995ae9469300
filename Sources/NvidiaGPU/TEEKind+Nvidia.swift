public import AttestationCore

extension TEEKind {
    /// NVIDIA GPUs (Hopper, Blackwell) and NVSwitches in confidential-computing mode: SPDM measurement reports.
    public static let nvidia: TEEKind = "nvidia"
}
