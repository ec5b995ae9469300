/// The 16-byte SGX ATTRIBUTES of an enclave: flags (little-endian 64-bit) and XFRM.
public struct EnclaveAttributes: Sendable, Hashable {
    /// The raw 16 bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The flags word (bytes 0..<8, little-endian).
    public var flags: UInt64 { bytes.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    /// XFRM, the extended features the enclave may use (bytes 8..<16, little-endian).
    public var xfrm: UInt64 { bytes.dropFirst(8).prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }

    /// INIT (bit 0): the enclave is initialised.
    public var initted: Bool { flags & 0x01 != 0 }
    /// DEBUG (bit 1): the enclave runs in debug mode; its memory can be read by a debugger.
    public var debug: Bool { flags & 0x02 != 0 }
    /// MODE64BIT (bit 2).
    public var mode64Bit: Bool { flags & 0x04 != 0 }
    /// PROVISIONKEY (bit 4): the enclave may request the provisioning key.
    public var provisionKey: Bool { flags & 0x10 != 0 }
    /// EINITTOKEN_KEY (bit 5).
    public var einitTokenKey: Bool { flags & 0x20 != 0 }
    /// KSS (bit 7): key separation and sharing is enabled.
    public var kss: Bool { flags & 0x80 != 0 }
    /// AEXNOTIFY (bit 10).
    public var aexNotify: Bool { flags & 0x400 != 0 }
}
