import AttestationCore
public import TPM

/// The vTPM quote as Trustee's az-cvm-vtpm carries it: the TPMS_ATTEST (`message`), its raw RSASSA signature and
/// the SHA-256 PCR values it covers, in selection order. Read from bincode (``init(bincode:)``) or JSON
/// (``init(json:)``).
public struct VTPMQuote: Sendable, Hashable {
    /// Largest raw signature (RSA-4096).
    public static let maxSignatureBytes = 512
    /// Most PCR values (a TPM has 24; PCR selections reach 32).
    public static let maxPCRs = 32
    /// Length of each PCR value (the SHA-256 bank).
    public static let pcrLength = 32

    /// The raw signature (not a TPMT_SIGNATURE).
    public let signature: [UInt8]
    /// The signed TPMS_ATTEST, byte-exact.
    public let attest: TPMSAttest
    /// The PCR values, in the order of the quote's selection.
    public let pcrs: [[UInt8]]

    /// Checks the bounds and parses the message.
    public init(signature: [UInt8], message: [UInt8], pcrs: [[UInt8]]) throws {
        guard signature.count <= Self.maxSignatureBytes else {
            throw AzureCVMError.malformedTPMQuote("signature of \(signature.count) bytes, above the limit of \(Self.maxSignatureBytes)")
        }
        guard pcrs.count <= Self.maxPCRs else {
            throw AzureCVMError.malformedTPMQuote("\(pcrs.count) PCR values, above the limit of \(Self.maxPCRs)")
        }
        if let bad = pcrs.firstIndex(where: { $0.count != Self.pcrLength }) {
            throw AzureCVMError.malformedTPMQuote("PCR value \(bad) is \(pcrs[bad].count) bytes, not \(Self.pcrLength)")
        }
        do { attest = try TPMSAttest(parsing: message) } catch {
            throw AzureCVMError.malformedTPMQuote("message: \(error)")
        }
        self.signature = signature
        self.pcrs = pcrs
    }

    /// Reads either form: JSON when the first non-blank byte is `{`, else bincode.
    public init(parsing bytes: [UInt8]) throws {
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            let value: JSONValue
            do { value = try JSONValue(parsing: bytes) } catch { throw AzureCVMError.malformedTPMQuote("not JSON (\(error))") }
            self = try Self(json: value)
        } else {
            self = try Self(bincode: bytes)
        }
    }
}
