/// RSAES-OAEP encryption with a label (RFC 8017 §7.1.1), which TPM2_MakeCredential needs (label `IDENTITY\0`)
/// and swift-crypto does not offer: OAEP encoding with MGF1, then the raw RSA public operation.
enum RSAOAEP {
    /// Encrypts `message` to the RSA key (`modulus`, `exponent`) with OAEP over `hash` and `label`.
    static func encrypt(
        _ message: [UInt8], modulus: [UInt8], exponent: UInt32, hash: TPMAlgorithmID, label: [UInt8], seed: [UInt8]
    ) throws -> [UInt8] {
        let modulus = Array(modulus.drop { $0 == 0 })
        guard let hashLength = hash.digestSize, seed.count == hashLength else {
            throw TPMError.unsupportedAlgorithm(field: "OAEP hash", algorithm: hash)
        }
        let k = modulus.count
        guard k >= 2 * hashLength + 2 + message.count, let last = modulus.last, last & 1 == 1 else {
            throw TPMError.unsupportedKey("an RSA modulus of \(k * 8) bits cannot carry a \(message.count)-byte OAEP message")
        }
        let labelHash = try hash.hash(label, field: "OAEP hash")
        let padding = [UInt8](repeating: 0, count: k - message.count - 2 * hashLength - 2)
        let block = labelHash + padding + [0x01] + message
        let maskedBlock = zip(block, try mgf1(seed, length: k - hashLength - 1, hash: hash)).map { $0 ^ $1 }
        let maskedSeed = zip(seed, try mgf1(maskedBlock, length: hashLength, hash: hash)).map { $0 ^ $1 }
        let encoded = [0x00] + maskedSeed + maskedBlock
        return RSAPublicOperation(modulus: modulus).power(encoded, exponent: exponent == 0 ? 65537 : exponent)
    }

    /// MGF1: H(seed ‖ [0]₃₂) ‖ H(seed ‖ [1]₃₂) ‖ … truncated to `length`.
    static func mgf1(_ seed: [UInt8], length: Int, hash: TPMAlgorithmID) throws -> [UInt8] {
        var out: [UInt8] = []
        var counter: UInt32 = 0
        while out.count < length {
            var writer = TPMWriter()
            writer.write(bytes: seed)
            writer.write(counter)
            out += try hash.hash(writer.bytes, field: "MGF1 hash")
            counter += 1
        }
        return Array(out.prefix(length))
    }
}

/// Modular exponentiation by a public exponent, m^e mod n, with Montgomery multiplication on 32-bit limbs.
///
/// Only public values pass through it (the OAEP-encoded block is random-masked), so it is not constant-time.
struct RSAPublicOperation {
    /// The modulus, little-endian limbs.
    let modulus: [UInt32]
    /// -n⁻¹ mod 2³².
    let inverse: UInt32
    /// The modulus length in bytes.
    let byteCount: Int

    /// `modulus` is big-endian, odd and without leading zero bytes.
    init(modulus bytes: [UInt8]) {
        byteCount = bytes.count
        modulus = Self.limbs(bytes, count: (bytes.count + 3) / 4)
        var inverse: UInt32 = 1
        for _ in 0..<5 { inverse = inverse &* (2 &- modulus[0] &* inverse) }
        self.inverse = 0 &- inverse
    }

    /// `base`^`exponent` mod n, big-endian, as long as the modulus; `base` must be below the modulus.
    func power(_ base: [UInt8], exponent: UInt32) -> [UInt8] {
        let one = [UInt32](repeating: 0, count: modulus.count - 1)
        let rSquared = montgomeryRSquared()
        let x = multiply(Self.limbs(base, count: modulus.count), rSquared)
        var result = multiply([1] + one, rSquared)
        for bit in (0..<(32 - exponent.leadingZeroBitCount)).reversed() {
            result = multiply(result, result)
            if exponent & (1 << bit) != 0 { result = multiply(result, x) }
        }
        let plain = multiply(result, [1] + one)
        var bytes: [UInt8] = []
        for limb in plain.reversed() { bytes += [UInt8(limb >> 24), UInt8(limb >> 16 & 0xff), UInt8(limb >> 8 & 0xff), UInt8(limb & 0xff)] }
        return Array(bytes.suffix(byteCount))
    }

    /// R² mod n for R = 2^(32·limbs), by doubling 1 modulo n.
    func montgomeryRSquared() -> [UInt32] {
        var value = [1] + [UInt32](repeating: 0, count: modulus.count - 1)
        for _ in 0..<(64 * modulus.count) {
            var carry: UInt32 = 0
            for index in value.indices {
                let next = value[index] >> 31
                value[index] = value[index] << 1 | carry
                carry = next
            }
            if carry == 1 || !isBelowModulus(value) { value = subtractModulus(value) }
        }
        return value
    }

    /// Montgomery product a·b·R⁻¹ mod n (CIOS).
    func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let count = modulus.count
        var t = [UInt32](repeating: 0, count: count + 2)
        for i in 0..<count {
            var carry: UInt64 = 0
            for j in 0..<count {
                let sum = UInt64(t[j]) + UInt64(a[j]) * UInt64(b[i]) + carry
                t[j] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
            }
            var sum = UInt64(t[count]) + carry
            t[count] = UInt32(truncatingIfNeeded: sum)
            t[count + 1] = UInt32(sum >> 32)
            let m = t[0] &* inverse
            carry = (UInt64(t[0]) + UInt64(m) * UInt64(modulus[0])) >> 32
            for j in 1..<count {
                sum = UInt64(t[j]) + UInt64(m) * UInt64(modulus[j]) + carry
                t[j - 1] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
            }
            sum = UInt64(t[count]) + carry
            t[count - 1] = UInt32(truncatingIfNeeded: sum)
            t[count] = t[count + 1] + UInt32(sum >> 32)
        }
        let result = Array(t[0..<count])
        return t[count] != 0 || !isBelowModulus(result) ? subtractModulus(result) : result
    }

    func isBelowModulus(_ value: [UInt32]) -> Bool {
        for index in value.indices.reversed() where value[index] != modulus[index] {
            return value[index] < modulus[index]
        }
        return false
    }

    /// value − n, modulo 2^(32·limbs).
    func subtractModulus(_ value: [UInt32]) -> [UInt32] {
        var borrow: UInt64 = 0
        return value.indices.map { index in
            let difference = UInt64(value[index]) &- UInt64(modulus[index]) &- borrow
            borrow = difference >> 63
            return UInt32(truncatingIfNeeded: difference)
        }
    }

    /// Big-endian bytes as `count` little-endian limbs.
    static func limbs(_ bytes: [UInt8], count: Int) -> [UInt32] {
        var limbs = [UInt32](repeating: 0, count: count)
        for (position, byte) in bytes.reversed().enumerated() where position / 4 < count {
            limbs[position / 4] |= UInt32(byte) << (8 * (position % 4))
        }
        return limbs
    }
}
