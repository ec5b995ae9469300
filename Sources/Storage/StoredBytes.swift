import Foundation

/// Binary values (public areas, certificates) are stored as base64 text in both backends.
public enum StoredBytes {
    /// The stored form of `bytes`.
    public static func text(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// Decodes a stored value; `column` names it when the row is not base64.
    public static func bytes(_ text: String, column: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else { throw StoreError.corrupt("\(column) is not base64") }
        return Array(data)
    }
}
