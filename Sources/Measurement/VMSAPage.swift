/// A vCPU's initial VMSA (the SEV-ES save area, AMD APM vol. 2 table B-4) as the hypervisor sets it at reset, one
/// 4 KiB page per vCPU: the bootstrap processor starts at 0xFFFFFFF0, the others at the firmware's SEV-ES reset
/// address.
struct VMSAPage {
    /// The bootstrap processor's reset address.
    static let bootstrapEIP: UInt32 = 0xFFFF_FFF0

    private(set) var bytes = [UInt8](repeating: 0, count: LaunchDigest.pageSize)

    init(eip: UInt32, guestFeatures: UInt64, vcpuSignature: UInt32, vmm: VMMType) {
        var csFlags: UInt16 = 0x9B, ssFlags: UInt16 = 0x93, trFlags: UInt16 = 0x8B
        var rdx = UInt64(vcpuSignature), mxcsr: UInt32 = 0x1F80, fcw: UInt16 = 0x37F
        var pat: UInt64 = 0x0007_0406_0007_0406
        switch vmm {
        case .qemu:
            break
        case .ec2:
            csFlags = eip == Self.bootstrapEIP ? 0x9A : 0x9B
            (ssFlags, trFlags, rdx, mxcsr, fcw) = (0x92, 0x83, 0x600, 0, 0)
        case .gce:
            (rdx, mxcsr, fcw, pat) = (0x600, 0, 0, 0x0007_0106)
        }
        segment(at: 0x000, selector: 0, attributes: 0x93, limit: 0xFFFF, base: 0)  // es
        segment(at: 0x010, selector: 0xF000, attributes: csFlags, limit: 0xFFFF, base: UInt64(eip & 0xFFFF_0000))  // cs
        segment(at: 0x020, selector: 0, attributes: ssFlags, limit: 0xFFFF, base: 0)  // ss
        for offset in [0x030, 0x040, 0x050] { segment(at: offset, selector: 0, attributes: 0x93, limit: 0xFFFF, base: 0) }  // ds fs gs
        segment(at: 0x060, selector: 0, attributes: 0, limit: 0xFFFF, base: 0)  // gdtr
        segment(at: 0x070, selector: 0, attributes: 0x82, limit: 0xFFFF, base: 0)  // ldtr
        segment(at: 0x080, selector: 0, attributes: 0, limit: 0xFFFF, base: 0)  // idtr
        segment(at: 0x090, selector: 0, attributes: trFlags, limit: 0xFFFF, base: 0)  // tr
        put(UInt64(0x1000), at: 0x0D0)  // efer: SVME
        put(UInt64(0x40), at: 0x148)  // cr4: MCE
        put(UInt64(0x10), at: 0x158)  // cr0
        put(UInt64(0x400), at: 0x160)  // dr7
        put(UInt64(0xFFFF_0FF0), at: 0x168)  // dr6
        put(UInt64(0x2), at: 0x170)  // rflags
        put(UInt64(eip & 0xFFFF), at: 0x178)  // rip
        put(pat, at: 0x268)  // g_pat
        put(rdx, at: 0x310)  // rdx
        put(guestFeatures, at: 0x3B0)  // sev_features
        put(UInt64(0x1), at: 0x3E8)  // xcr0
        put(mxcsr, at: 0x408)  // mxcsr
        put(fcw, at: 0x410)  // x87 fcw
    }

    private mutating func segment(at offset: Int, selector: UInt16, attributes: UInt16, limit: UInt32, base: UInt64) {
        put(selector, at: offset)
        put(attributes, at: offset + 2)
        put(limit, at: offset + 4)
        put(base, at: offset + 8)
    }

    private mutating func put<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}
