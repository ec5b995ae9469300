/// The key derivation functions of TPM 2.0 Part 1, §11.4.10.
enum TPMKDF {
    /// KDFa (SP 800-108 counter mode with HMAC): HMAC(key, [i]₃₂ ‖ label ‖ 0 ‖ contextU ‖ contextV ‖ [bits]₃₂)
    /// for i = 1, 2, …, truncated to `bits`.
    static func kdfa(
        _ hash: TPMAlgorithmID, key: [UInt8], label: String, contextU: [UInt8], contextV: [UInt8], bits: Int
    ) throws -> [UInt8] {
        try counterMode(bits: bits) { counter in
            var writer = TPMWriter()
            writer.write(counter)
            writer.write(bytes: Array(label.utf8) + [0])
            writer.write(bytes: contextU)
            writer.write(bytes: contextV)
            writer.write(UInt32(bits))
            return try hash.hmac(key: key, writer.bytes, field: "KDFa hash")
        }
    }

    /// KDFe (SP 800-56A concatenation KDF): H([i]₃₂ ‖ Z ‖ label ‖ 0 ‖ partyUInfo ‖ partyVInfo) for i = 1, 2, …,
    /// truncated to `bits`.
    static func kdfe(
        _ hash: TPMAlgorithmID, z: [UInt8], label: String, partyU: [UInt8], partyV: [UInt8], bits: Int
    ) throws -> [UInt8] {
        try counterMode(bits: bits) { counter in
            var writer = TPMWriter()
            writer.write(counter)
            writer.write(bytes: z)
            writer.write(bytes: Array(label.utf8) + [0])
            writer.write(bytes: partyU)
            writer.write(bytes: partyV)
            return try hash.hash(writer.bytes, field: "KDFe hash")
        }
    }

    /// Concatenates `block(1)`, `block(2)`, … until `bits` are produced, truncated to `bits / 8` bytes.
    static func counterMode(bits: Int, _ block: (UInt32) throws -> [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var counter: UInt32 = 1
        while out.count * 8 < bits {
            out += try block(counter)
            counter += 1
        }
        return Array(out.prefix(bits / 8))
    }
}
