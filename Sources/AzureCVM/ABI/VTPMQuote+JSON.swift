public import AttestationCore
import TPM

extension VTPMQuote {
    /// Reads Trustee's JSON quote: `signature`, `message` and `pcrs` as hex strings (v1 and later) or arrays of
    /// byte values (v0). Other members are ignored.
    public init(json: JSONValue) throws {
        func bytes(_ value: JSONValue?, _ name: String, limit: Int) throws -> [UInt8] {
            guard let value else { throw AzureCVMError.malformedTPMQuote("no \(name) member") }
            do { return try value.trusteeBytes(limit: limit, text: .hex) } catch {
                throw AzureCVMError.malformedTPMQuote("\(name): \(error)")
            }
        }
        guard let list = json["pcrs"]?.arrayValue else { throw AzureCVMError.malformedTPMQuote("no pcrs array") }
        guard list.count <= Self.maxPCRs else {
            throw AzureCVMError.malformedTPMQuote("\(list.count) PCR values, above the limit of \(Self.maxPCRs)")
        }
        try self.init(
            signature: try bytes(json["signature"], "signature", limit: Self.maxSignatureBytes),
            message: try bytes(json["message"], "message", limit: TPMSAttest.maxBytes),
            pcrs: try list.enumerated().map { try bytes($1, "pcrs[\($0)]", limit: Self.pcrLength) })
    }
}
