/// A configuration value that cannot be used; names the setting, where it came from and what is accepted.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting (`port`, `database`, …).
    public let setting: String
    /// Where the bad value came from (`--port`, `ASSAY_PORT`, `config file assay.json`).
    public let source: String
    /// What is wrong and what is accepted.
    public let reason: String

    public init(setting: String, source: String, reason: String) {
        self.setting = setting
        self.source = source
        self.reason = reason
    }

    public var description: String { "invalid \(setting) from \(source): \(reason)" }
}
