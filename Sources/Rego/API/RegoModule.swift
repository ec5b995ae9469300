/// Rego source text with the file name used in error locations.
public struct RegoModule: Sendable, Hashable {
    /// The file name shown in errors.
    public var fileName: String
    /// The Rego source.
    public var source: String

    /// Creates a module from source text.
    public init(fileName: String, source: String) {
        self.fileName = fileName
        self.source = source
    }
}
