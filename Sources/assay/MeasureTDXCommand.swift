import ArgumentParser
import AttestationCore
import Crypto
import Foundation
import Measurement

/// `assay measure tdx`: the MRTD of a TD built from a TDVF image, as QEMU with Linux KVM and the TDX module compute it.
struct MeasureTDXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tdx",
        abstract: "Compute the Intel TDX build-time measurement (the quote's MRTD) of a TDVF guest.",
        discussion: """
            Replays how the VMM builds the TD from the firmware's TDVF metadata (the TDX metadata entry of the OVMF \
            footer table): every section (BFV, CFV, TD_HOB, TempMem, …) that is not PAGE.AUG is added page by page \
            with TDH.MEM.PAGE.ADD, in metadata order, and the pages of MR.EXTEND sections (the BFV in edk2's builds) \
            are measured in 256-byte chunks with TDH.MR.EXTEND right after each page is added (Linux KVM's order).

            Supported firmware: edk2 OvmfPkgX64 builds with TDX support as one image, code and variables together \
            (Debian's ovmf package's OVMF.fd in bookworm and trixie; OvmfPkg/IntelTdx builds). A split \
            OVMF_CODE.fd is refused, since its metadata points into the variables.

            Not computed: RTMR[0..2]. TDVF extends RTMR0 with the TD HOB (memory layout), QEMU's ACPI tables and \
            the UEFI variables, RTMR1 with the kernel's Authenticode hash and boot events, RTMR2 with the command \
            line and initrd; they depend on the QEMU version and machine configuration, so they are left to event \
            log replay ('assay verify' reads the CCEL log) rather than guessed here.

            --format text prints MRTD's 96 hex digits on the last line; json adds the firmware's SHA-256 ('assay \
            reference-values import --measurement-json' reads it back); reference-values prints an Assay \
            reference-value document for the tdx mr_td claim; --server URL also adds it to a service.

            Example:
              assay measure tdx --firmware /usr/share/ovmf/OVMF.fd --format reference-values > rv.json
            """)

    @Option(help: ArgumentHelp("The TDVF firmware image (edk2 OVMF.fd with TDX support).", valueName: "file"))
    var firmware: String

    @Option(help: "Output: text, json or reference-values.")
    var format: MeasurementFormat = .text

    @OptionGroup var destination: ReferenceValueServerOptions

    func run() async throws {
        let bytes = try InputFiles.read(firmware, what: "TDVF image", limit: OVMFImage.maxBytes)
        let mrtd = Hex.encode(try TDXBuildMeasurement(firmware: try OVMFImage(data: bytes)).mrtd())
        let report = MeasurementReport(
            tee: .tdx, values: [.init(member: "mr_td", claim: "mr_td", hex: mrtd)], parameters: [:],
            inputs: ["firmware": .string(Hex.encode(SHA256.hash(data: bytes)))])
        try await report.publish(format, origin: "assay measure tdx", to: destination)
    }
}
