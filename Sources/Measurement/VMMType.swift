/// The hypervisor that launches the guest: QEMU/KVM, AWS EC2 and Google Compute Engine set up the vCPUs' initial
/// state (and the CPUID and pre-validated pages) slightly differently.
public enum VMMType: String, Sendable, CaseIterable {
    case qemu
    case ec2
    case gce
}
