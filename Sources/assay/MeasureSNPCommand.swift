import ArgumentParser
import AttestationCore
import Crypto
import Foundation
import Measurement

/// `assay measure snp`: the SEV-SNP launch digest of an OVMF guest, as `sev-snp-measure --mode snp` computes it.
struct MeasureSNPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snp",
        abstract: "Compute the SEV-SNP launch digest (the report's MEASUREMENT) of an OVMF guest.",
        discussion: """
            Replays what the firmware measures at launch: the OVMF pages (mapped to end at 4 GiB), the pages its SEV \
            metadata declares (secrets, CPUID, pre-validated memory, and with --kernel the SEV hash table of the \
            kernel, initrd and command line, for AmdSev builds), then one VMSA per vCPU. The options and defaults \
            are sev-snp-measure's, so the same parameters give the same digest.

            --format text prints the 96 hex digits alone on the last line; json adds the parameters and the inputs' \
            SHA-256; reference-values prints an Assay reference-value document for the snp measurement claim \
            (load it with 'assay verify --reference-values'); --server URL also adds it to a service's reference \
            values through the admin API.

            Examples:
              assay measure snp --ovmf OVMF.fd --vcpus 4 --vcpu-type EPYC-v4
              assay measure snp --ovmf OVMF.amdsev.fd --vcpus 8 --vcpu-type EPYC-Milan --kernel vmlinuz --initrd initrd.img \\
                --append "console=ttyS0" --format reference-values > rv.json
            """)

    @Option(help: ArgumentHelp("The OVMF firmware image (its SEV metadata is read even with --ovmf-hash).", valueName: "file"))
    var ovmf: String

    @Option(name: .customLong("ovmf-hash"), help: ArgumentHelp("A precomputed digest of the OVMF pages, in hex.", valueName: "hex"))
    var ovmfHash: String?

    @Option(help: "Number of guest vCPUs.")
    var vcpus: Int

    @Option(name: .customLong("vcpu-type"), help: ArgumentHelp("QEMU CPU model: \(VCPUType.names.joined(separator: ", ")).", valueName: "name"))
    var vcpuType: String?

    @Option(name: .customLong("vcpu-sig"), help: ArgumentHelp("The vCPU signature (CPUID 1 EAX), e.g. 0xa00f11.", valueName: "value"))
    var vcpuSig: String?

    @Option(name: .customLong("vcpu-family"), help: "vCPU family (with --vcpu-model and --vcpu-stepping).")
    var vcpuFamily: UInt32?

    @Option(name: .customLong("vcpu-model"), help: "vCPU model.")
    var vcpuModel: UInt32?

    @Option(name: .customLong("vcpu-stepping"), help: "vCPU stepping.")
    var vcpuStepping: UInt32?

    @Option(name: .customLong("vmm-type"), help: "The hypervisor: qemu (default), ec2 or gce.")
    var vmmType: String = "qemu"

    @Option(name: .customLong("guest-features"), help: ArgumentHelp("SEV_FEATURES of the VMSAs (default 0x1).", valueName: "value"))
    var guestFeatures: String = "0x1"

    @Option(help: ArgumentHelp("Measured direct boot: the kernel.", valueName: "file"))
    var kernel: String?

    @Option(help: ArgumentHelp("Measured direct boot: the initrd.", valueName: "file"))
    var initrd: String?

    @Option(help: ArgumentHelp("Measured direct boot: the kernel command line.", valueName: "cmdline"))
    var append: String?

    @Option(help: "Output: text, json or reference-values.")
    var format: MeasurementFormat = .text

    @OptionGroup var destination: ReferenceValueServerOptions

    /// Largest kernel or initrd read.
    static let maxBootFileBytes = 1024 * 1024 * 1024

    func validate() throws {
        let ways = [vcpuType != nil, vcpuSig != nil, vcpuFamily != nil || vcpuModel != nil || vcpuStepping != nil].filter { $0 }
        guard ways.count == 1 else {
            throw ValidationError("give the vCPU as exactly one of --vcpu-type, --vcpu-sig, or --vcpu-family with --vcpu-model and --vcpu-stepping")
        }
        if let vcpuType, VCPUType.signature(named: vcpuType) == nil {
            throw ValidationError("--vcpu-type \(vcpuType): unknown (known: \(VCPUType.names.joined(separator: ", ")))")
        }
        if vcpuFamily != nil || vcpuModel != nil || vcpuStepping != nil, vcpuFamily == nil || vcpuModel == nil || vcpuStepping == nil {
            throw ValidationError("--vcpu-family, --vcpu-model and --vcpu-stepping go together")
        }
        guard VMMType(rawValue: vmmType.lowercased()) != nil else { throw ValidationError("--vmm-type must be qemu, ec2 or gce, got '\(vmmType)'") }
        if kernel == nil, initrd != nil || append != nil { throw ValidationError("--initrd and --append need --kernel") }
    }

    static func integer(_ text: String, option: String) throws -> UInt64 {
        let value = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let value else { throw CLIError.invalidArgument("\(option) must be a number (decimal or 0x hex), got '\(text)'") }
        return value
    }

    func run() async throws {
        let firmwareBytes = try InputFiles.read(ovmf, what: "OVMF image", limit: OVMFImage.maxBytes)
        let signature: UInt32
        if let vcpuType, let named = VCPUType.signature(named: vcpuType) {
            signature = named
        } else if let vcpuSig {
            guard let value = UInt32(exactly: try Self.integer(vcpuSig, option: "--vcpu-sig")) else {
                throw CLIError.invalidArgument("--vcpu-sig must fit 32 bits")
            }
            signature = value
        } else {
            signature = VCPUType.signature(family: vcpuFamily ?? 0, model: vcpuModel ?? 0, stepping: vcpuStepping ?? 0)
        }
        var inputs: [String: JSONValue] = ["ovmf": .string(Hex.encode(SHA256.hash(data: firmwareBytes)))]
        var hashes: SEVHashTable?
        if let kernel {
            let kernelBytes = try InputFiles.read(kernel, what: "kernel", limit: Self.maxBootFileBytes)
            let initrdBytes = try initrd.map { try InputFiles.read($0, what: "initrd", limit: Self.maxBootFileBytes) }
            hashes = SEVHashTable(kernel: kernelBytes, initrd: initrdBytes, commandLine: append)
            inputs["kernel"] = .string(Hex.encode(SHA256.hash(data: kernelBytes)))
            if let initrdBytes { inputs["initrd"] = .string(Hex.encode(SHA256.hash(data: initrdBytes))) }
            if let append { inputs["append"] = .string(append) }
        }
        let vmm = VMMType(rawValue: vmmType.lowercased()) ?? .qemu
        let features = try Self.integer(guestFeatures, option: "--guest-features")
        let measurement = try SNPLaunchMeasurement(
            firmware: try OVMFImage(data: firmwareBytes), firmwareDigest: try ovmfHash.map { try Hex.decode($0) }, vcpus: vcpus,
            vcpuSignature: signature, vmm: vmm, guestFeatures: features, kernelHashes: hashes)
        let digest = Hex.encode(try measurement.digest())
        let parameters: [String: JSONValue] = [
            "vcpus": .integer(Int64(vcpus)), "vcpu_signature": .string("0x" + String(signature, radix: 16)),
            "vcpu_type": vcpuType.map(JSONValue.string) ?? .null, "vmm_type": .string(vmm.rawValue),
            "guest_features": .string("0x" + String(features, radix: 16)), "ovmf_hash": ovmfHash.map(JSONValue.string) ?? .null,
        ]
        let report = MeasurementReport(
            tee: .snp, values: [.init(member: "launch_digest", claim: "measurement", hex: digest)], parameters: parameters, inputs: inputs)
        try await report.publish(format, origin: "assay measure snp", to: destination)
    }
}
