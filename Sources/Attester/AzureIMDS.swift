public import AsyncHTTPClient
import AttestationCore

/// The Azure instance metadata service's TD quote endpoint (`POST /acc/tdquote {"report": base64url(TDREPORT)}` →
/// `{"quote": base64url}`), reachable only from inside the VM.
public struct AzureIMDS: Sendable {
    /// The link-local address of the service.
    public static let defaultBaseURL = "http://169.254.169.254"
    /// Largest TD quote accepted, in base64url characters.
    public static let maxQuoteText = 64 * 1024

    let client: AssayClient

    public init(baseURL: String = AzureIMDS.defaultBaseURL, client: HTTPClient = .shared) {
        self.client = AssayClient(baseURL: baseURL, client: client)
    }

    /// The TD quote for `tdReport`.
    public func tdQuote(_ tdReport: [UInt8]) async throws -> [UInt8] {
        let response = try await client.send(.POST, "/acc/tdquote", body: ["report": .string(Base64.encodeURL(tdReport))])
        guard let text = response["quote"]?.stringValue, text.utf8.count <= Self.maxQuoteText else {
            throw AttesterError.transport(url: client.baseURL + "/acc/tdquote", reason: "no quote of at most \(Self.maxQuoteText) characters")
        }
        return try Base64.decode(text)
    }
}
