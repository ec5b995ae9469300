public import AttestationCore
public import TPM
public import TPMDevice

/// Guest-side attestation on an Azure confidential VM through its vTPM: writes the user data (SHA-512 of the
/// runtime data) to NV index 0x01400002, which makes the HCL refresh its report, reads the HCL report from NV
/// index 0x01400001, and quotes the SHA-256 PCRs with the HCL's attestation key (0x81000003), extraData = SHA-256
/// of the runtime data. On TDX the TD quote for the HCL report's TDREPORT comes from ``tdQuote`` (the instance
/// metadata service, ``AzureIMDS``). The result is Trustee's az-snp-vtpm / az-tdx-vtpm JSON (version 1), which
/// `assay verify --tee azure-snp|azure-tdx` reads.
public struct AzureCVMAttester {
    /// The NV index holding the HCL report.
    public static let hclReportIndex: UInt32 = 0x0140_0001
    /// The NV index the guest writes its user data to.
    public static let userDataIndex: UInt32 = 0x0140_0002
    /// The persistent handle of the HCL's attestation key.
    public static let attestationKeyHandle = TPMHandle(rawValue: 0x8100_0003)
    /// Length of the user data (SHA-512).
    public static let userDataLength = 64
    /// Offset and length of the TDREPORT in the HCL report.
    public static let tdReportRange = 0x20..<(0x20 + 1024)
    /// The PCRs quoted: SHA-256 bank, 0-23.
    public static let selection = PCRSelectionList([PCRSelection(hash: .sha256, indices: 0..<24)])

    /// The vTPM.
    public let client: TPMClient
    /// Obtains the TD quote for a TDREPORT (TDX only); nil on SEV-SNP.
    public let tdQuote: (@Sendable ([UInt8]) async throws -> [UInt8])?

    public init(client: TPMClient, tdQuote: (@Sendable ([UInt8]) async throws -> [UInt8])? = nil) {
        self.client = client
        self.tdQuote = tdQuote
    }

    /// Collects the evidence for `runtimeData` as Trustee's JSON.
    public func attest(runtimeData: RuntimeData) async throws -> [UInt8] {
        let userData = runtimeData.reportData(for: .sha512)
        if try !client.isNVDefined(Self.userDataIndex) {
            try client.defineNV(Self.userDataIndex, size: Self.userDataLength)
        }
        try client.writeNV(Self.userDataIndex, userData)
        let hclReport = try client.readNV(Self.hclReportIndex)
        let signer = try client.readPublic(Self.attestationKeyHandle)
        let quote = try TPMAttester(client: client).quote(runtimeData: runtimeData, selection: Self.selection, signer: signer)
        guard case .rsassa(let signature) = quote.signature.value else {
            throw TPMError.invalidField(
                structure: "vTPM quote", field: "signature", value: "\(quote.signature.schemeDescription), not RSASSA")
        }
        var document: [String: JSONValue] = [
            "version": 1,
            "hcl_report": .string(Base64.encodeURL(hclReport)),
            "tpm_quote": .object([
                "signature": .hex(signature), "message": .hex(quote.attest.bytes),
                "pcrs": .array(Self.selection.entries.map { .hex(quote.pcrValues[$0.hash, $0.index] ?? []) }),
            ]),
        ]
        if let tdQuote {
            guard hclReport.count >= Self.tdReportRange.upperBound else {
                throw TPMError.invalidField(structure: "HCL report", field: "size", value: "\(hclReport.count) bytes, no TDREPORT")
            }
            document["td_quote"] = .string(Base64.encodeURL(try await tdQuote(Array(hclReport[Self.tdReportRange]))))
        }
        return JSONValue.object(document).compactBytes
    }
}
