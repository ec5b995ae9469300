import AttestationCore

extension JSONValue {
    /// How Trustee writes bytes as text in a member.
    enum ByteText { case hex, base64 }

    /// Bytes written by serde as an array of integers 0…255 (Trustee v0) or as text (hex or base64, v1 and later);
    /// at most `limit` bytes.
    func trusteeBytes(limit: Int, text: ByteText) throws -> [UInt8] {
        if let array = arrayValue {
            guard array.count <= limit else {
                throw AttestationCoreError.boundExceeded(field: "byte array length", value: array.count, limit: limit)
            }
            return try array.map { element in
                guard let value = element.integerValue, let byte = UInt8(exactly: value) else {
                    throw AzureCVMError.malformedEvidenceJSON("a byte array holds \(element.compactText), not 0…255")
                }
                return byte
            }
        }
        guard let string = stringValue else { throw AzureCVMError.malformedEvidenceJSON("neither a byte array nor text") }
        let bound = text == .hex ? 2 * limit : (limit + 2) / 3 * 4
        guard string.utf8.count <= bound else {
            throw AttestationCoreError.boundExceeded(field: "text length", value: string.utf8.count, limit: bound)
        }
        return text == .hex ? try Hex.decode(string) : try Base64.decode(string)
    }
}
