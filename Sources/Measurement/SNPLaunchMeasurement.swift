/// Computes the SEV-SNP launch digest (the report's MEASUREMENT) a guest gets when QEMU, EC2 or GCE launches it
/// with this OVMF, these vCPUs and (measured direct boot) this kernel, initrd and command line — what
/// `sev-snp-measure --mode snp` computes.
public struct SNPLaunchMeasurement: Sendable {
    /// Most vCPUs measured (QEMU's limit for a guest is far below).
    public static let maxVCPUs = 4096

    public let firmware: OVMFImage
    /// A precomputed digest of the firmware's pages (`--ovmf-hash`), used instead of hashing `firmware`.
    public let firmwareDigest: [UInt8]?
    public let vcpus: Int
    public let vcpuSignature: UInt32
    public let vmm: VMMType
    /// SEV_FEATURES of the VMSAs (bit 0 SNPActive; default 0x1).
    public let guestFeatures: UInt64
    /// Measured direct boot.
    public let kernelHashes: SEVHashTable?

    public init(
        firmware: OVMFImage, firmwareDigest: [UInt8]? = nil, vcpus: Int, vcpuSignature: UInt32, vmm: VMMType = .qemu,
        guestFeatures: UInt64 = 0x1, kernelHashes: SEVHashTable? = nil
    ) throws {
        guard (1...Self.maxVCPUs).contains(vcpus) else {
            throw MeasurementError.parameter("--vcpus must be 1 to \(Self.maxVCPUs), got \(vcpus)")
        }
        if let firmwareDigest, firmwareDigest.count != 48 {
            throw MeasurementError.parameter("--ovmf-hash must be 48 bytes (96 hex digits), got \(firmwareDigest.count)")
        }
        self.firmware = firmware
        self.firmwareDigest = firmwareDigest
        self.vcpus = vcpus
        self.vcpuSignature = vcpuSignature
        self.vmm = vmm
        self.guestFeatures = guestFeatures
        self.kernelHashes = kernelHashes
    }

    /// The firmware pages' digest alone (what `--ovmf-hash` takes).
    public static func firmwareDigest(of firmware: OVMFImage) -> [UInt8] {
        var digest = LaunchDigest()
        digest.updateNormalPages(gpa: firmware.gpa, data: firmware.data)
        return digest.value
    }

    /// The 48-byte launch digest.
    public func digest() throws -> [UInt8] {
        var digest: LaunchDigest
        if let firmwareDigest {
            digest = LaunchDigest(seed: firmwareDigest)
        } else {
            digest = LaunchDigest()
            digest.updateNormalPages(gpa: firmware.gpa, data: firmware.data)
        }
        if kernelHashes != nil, !firmware.sections.contains(where: { $0.kind == .snpKernelHashes }) {
            throw MeasurementError.noKernelHashes
        }
        for section in firmware.sections {
            guard section.size % UInt64(LaunchDigest.pageSize) == 0 else {
                throw MeasurementError.firmware("SEV metadata section at 0x\(String(section.gpa, radix: 16)) is not whole pages")
            }
            switch section.kind {
            case .snpSecureMemory: digest.updateEmptyPages(vmm == .gce ? .unmeasured : .zero, gpa: section.gpa, length: section.size)
            case .snpSecrets: digest.update(.secrets, gpa: section.gpa, contents: [UInt8](repeating: 0, count: 48))
            case .cpuid where vmm != .ec2: digest.update(.cpuid, gpa: section.gpa, contents: [UInt8](repeating: 0, count: 48))
            case .cpuid: break
            case .svsmCallingArea: digest.updateEmptyPages(.zero, gpa: section.gpa, length: section.size)
            case .snpKernelHashes:
                if let kernelHashes {
                    let offset = Int(try firmware.sevHashTableGPA() & 0xFFF)
                    guard section.size == UInt64(LaunchDigest.pageSize), offset + kernelHashes.bytes.count <= LaunchDigest.pageSize else {
                        throw MeasurementError.firmware("the kernel-hashes section is not one page holding the table")
                    }
                    digest.updateNormalPages(gpa: section.gpa, data: kernelHashes.page(offset: offset))
                } else {
                    digest.updateEmptyPages(.zero, gpa: section.gpa, length: section.size)
                }
            }
        }
        // EC2 measures the CPUID pages after every other metadata page.
        if vmm == .ec2 {
            for section in firmware.sections where section.kind == .cpuid {
                digest.update(.cpuid, gpa: section.gpa, contents: [UInt8](repeating: 0, count: 48))
            }
        }
        let bootstrap = VMSAPage(eip: VMSAPage.bootstrapEIP, guestFeatures: guestFeatures, vcpuSignature: vcpuSignature, vmm: vmm)
        digest.updateVMSA(bootstrap.bytes)
        if vcpus > 1 {
            let application = VMSAPage(
                eip: try firmware.sevESResetEIP(), guestFeatures: guestFeatures, vcpuSignature: vcpuSignature, vmm: vmm)
            for _ in 1..<vcpus { digest.updateVMSA(application.bytes) }
        }
        return digest.value
    }
}
