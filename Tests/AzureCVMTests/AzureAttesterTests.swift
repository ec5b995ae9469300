import AssayTestSupport
import AttestationCore
import Attester
import AzureCVM
import TPM
import TPMDevice
import Testing

/// `AzureCVMAttester` against swtpm, with the test playing the HCL: an AK persisted at 0x81000003, an HCL report
/// whose runtime data holds that AK's JWK written to NV index 0x01400001. The evidence must read back as Azure
/// evidence whose vTPM quote the runtime data's HCLAkPub verifies, bound to the runtime data.
@Suite(.serialized, .swtpm, .enabled(if: Swtpm.runnable, "swtpm is not installed (scripts/test.sh installs it)"))
struct AzureAttesterTests {
    /// An HCL report (version 2) around `runtime`, its hardware report slot zero, of IGVM report type `type`.
    static func hclReport(runtime: [UInt8], type: UInt32) -> [UInt8] {
        func le(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        let header = Array("HCLA".utf8) + le(2) + le(UInt32(0x4D4 + runtime.count)) + le(2) + le(0) + [UInt8](repeating: 0, count: 12)
        let hardware = (0..<0x4A0).map { UInt8(truncatingIfNeeded: $0 * 7) }
        return header + hardware + le(UInt32(20 + runtime.count)) + le(1) + le(type) + le(1) + le(UInt32(runtime.count)) + runtime
    }

    @Test func theAttesterReadsTheHCLReportAndQuotesWithTheHCLKey() async throws {
        let tpm = try #require(Swtpm.current)
        let client = try TPMClient.connect(try TPMDeviceAddress(parsing: tpm.address))
        let ak = try client.createPrimary(.owner, template: TPMKeyTemplate.attestationRSA2048())
        try client.persist(ak.handle, at: AzureCVMAttester.attestationKeyHandle)
        try client.flush(ak.handle)
        guard case .rsa(let modulus) = ak.publicArea.unique else {
            Issue.record("the AK is not RSA")
            return
        }
        let jwk: JSONValue = ["kid": "HCLAkPub", "key_ops": ["sign"], "kty": "RSA", "e": "AQAB", "n": .string(Base64.encodeURL(modulus))]
        let runtime = JSONValue.object(["keys": [jwk], "vm-configuration": ["secure-boot": true], "user-data": ""]).compactBytes
        let hcl = Self.hclReport(runtime: runtime, type: 2)
        try client.defineNV(AzureCVMAttester.hclReportIndex, size: hcl.count)
        try client.writeNV(AzureCVMAttester.hclReportIndex, hcl)

        let runtimeData = RuntimeData(json: ["nonce": "n-1"])
        let json = try await AzureCVMAttester(client: client).attest(runtimeData: runtimeData)
        let evidence = try AzureEvidence(parsing: Evidence(tee: .azureSNP, bytes: json))
        #expect(evidence.hclReport.bytes == hcl && evidence.tdQuote == nil)
        #expect(try client.readNV(AzureCVMAttester.userDataIndex) == runtimeData.reportData(for: .sha512))
        let quote = evidence.quote
        #expect(quote.attest.extraData == runtimeData.reportData(for: .sha256))
        guard case .success(let key) = evidence.runtimeData.attestationKey() else {
            Issue.record("no HCLAkPub in the runtime data")
            return
        }
        #expect(TPMTSignature(hash: .sha256, value: .rsassa(quote.signature)).isValid(over: quote.attest.bytes, key: key))
        let digest = try TPMAlgorithmID.sha256.hash(quote.pcrs.flatMap { $0 }, field: "PCRs")
        #expect(quote.pcrs.count == 24 && quote.attest.quoteInfo?.pcrDigest == digest)

        // TDX: the TD quote for the report's TDREPORT comes from the provider (the IMDS in a VM).
        let tdReport = Array(hcl[0x20..<0x420])
        let tdx = try await AzureCVMAttester(client: client) { report in
            #expect(report == tdReport)
            return [4, 0, 2, 0]
        }.attest(runtimeData: runtimeData)
        #expect(try AzureEvidence(parsing: Evidence(tee: .azureTDX, bytes: tdx)).tdQuote == [4, 0, 2, 0])
    }
}
