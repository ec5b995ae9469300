/// The reserved ranges, bits and values a parser found set in a structure it could still read.
///
/// Parsers read without judging (ARCHITECTURE.md, "parse without judging"): firmware newer than this build defines
/// bits that our table still calls reserved, and only the signature can say whether the bytes are genuine. So a
/// non-zero reserved field is recorded here, reported as the claim `reserved_nonzero` and as a verdict note, and
/// never makes the input malformed. Names are short and stable, e.g. `"platform_info bit 9"`,
/// `"reserved 0x04C"`, `"QE report reserved 0x014"`.
public struct ReservedFields: Sendable, Hashable {
    /// Names of the reserved fields found non-zero, in the order the parser met them.
    public private(set) var names: [String] = []

    public init() {}

    /// Records `name`.
    public mutating func note(_ name: String) { names.append(name) }

    /// Records every set bit of `value & mask` as `"<field> bit N"`.
    public mutating func noteBits(_ value: UInt64, mask: UInt64, field: String) {
        let set = value & mask
        for bit in 0..<64 where set & (1 << UInt64(bit)) != 0 { names.append("\(field) bit \(bit)") }
    }

    /// Appends another structure's findings.
    public mutating func append(contentsOf other: ReservedFields) { names += other.names }

    /// Whether nothing reserved was set.
    public var isEmpty: Bool { names.isEmpty }

    /// The `reserved_nonzero` claim, or nil when nothing reserved was set.
    public var claim: JSONValue? { isEmpty ? nil : .array(names.map(JSONValue.string)) }

    /// The verdict note that explains the claim, or nil when nothing reserved was set.
    public var note: String? {
        guard !isEmpty else { return nil }
        return "reserved fields are set (\(names.joined(separator: ", "))): firmware newer than this verifier may "
            + "define them; they are reported as the claim reserved_nonzero and judged only by the signature"
    }
}
