/// TPMA_OBJECT: an object's attributes (TPM 2.0 Part 2, §8.3).
public struct TPMAObject: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The object cannot be duplicated to another TPM.
    public static let fixedTPM = Self(rawValue: 1 << 1)
    /// Saved contexts are invalidated by TPM Reset/Restart.
    public static let stClear = Self(rawValue: 1 << 2)
    /// The object cannot be duplicated to another parent.
    public static let fixedParent = Self(rawValue: 1 << 4)
    /// The TPM generated the sensitive part (the private key never existed outside it).
    public static let sensitiveDataOrigin = Self(rawValue: 1 << 5)
    /// USER role actions may be authorised with the authValue (password or HMAC).
    public static let userWithAuth = Self(rawValue: 1 << 6)
    /// ADMIN role actions need a policy session.
    public static let adminWithPolicy = Self(rawValue: 1 << 7)
    /// Not subject to dictionary-attack protection.
    public static let noDA = Self(rawValue: 1 << 10)
    /// Duplication needs an inner wrapper.
    public static let encryptedDuplication = Self(rawValue: 1 << 11)
    /// A restricted key: signs only TPM-generated data (for signing keys) or decrypts only TPM formats.
    public static let restricted = Self(rawValue: 1 << 16)
    /// A decryption key.
    public static let decrypt = Self(rawValue: 1 << 17)
    /// A signing key.
    public static let sign = Self(rawValue: 1 << 18)
    /// Signs X.509 certificates.
    public static let x509Sign = Self(rawValue: 1 << 19)

    /// The attribute names set, as tpm2-tools prints them (`fixedtpm|fixedparent|…`).
    public var names: [String] {
        let all: [(TPMAObject, String)] = [
            (.fixedTPM, "fixedtpm"), (.stClear, "stclear"), (.fixedParent, "fixedparent"),
            (.sensitiveDataOrigin, "sensitivedataorigin"), (.userWithAuth, "userwithauth"),
            (.adminWithPolicy, "adminwithpolicy"), (.noDA, "noda"), (.encryptedDuplication, "encryptedduplication"),
            (.restricted, "restricted"), (.decrypt, "decrypt"), (.sign, "sign"), (.x509Sign, "x509sign"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}
