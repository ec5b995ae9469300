/// The key that signed a report (KEY_INFO bits 4:2).
public enum SigningKey: String, Sendable, Hashable, CustomStringConvertible {
    /// Versioned Chip Endorsement Key, derived per chip and TCB (certificate from AMD KDS by CHIP_ID).
    case vcek
    /// Versioned Loaded Endorsement Key, loaded by a cloud provider (certificate from the provider).
    case vlek
    /// The report is not signed.
    case none
    /// A value the ABI reserves (2–6): no certificate can match it.
    case reserved

    public var description: String { rawValue.uppercased() }
}
