import Foundation

/// Base64 and base64url (RFC 4648) with strict decoding.
public enum Base64 {
    /// Standard base64 with padding.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }

    /// base64url without padding, as JOSE uses it.
    public static func encodeURL<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text = encode(bytes)
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes standard base64 or base64url, padded or not; whitespace is not allowed.
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        var normalized = String(text).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if normalized.utf8.count % 4 == 1 {
            throw AttestationCoreError.invalidBase64(reason: "length \(normalized.utf8.count) is not a valid base64 length")
        }
        while normalized.utf8.count % 4 != 0 { normalized.append("=") }
        guard let data = Data(base64Encoded: normalized) else {
            throw AttestationCoreError.invalidBase64(reason: "characters outside the base64 alphabet or bad padding")
        }
        return Array(data)
    }
}
