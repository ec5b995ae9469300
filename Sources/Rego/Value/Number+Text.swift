import BigInt

/// Parsing and formatting of numbers in JSON/Rego notation, without going through `Double`.
extension Number: CustomStringConvertible, LosslessStringConvertible {
    /// Parses JSON number syntax (`-12.5e3`); also accepts a leading `+` and leading zeros,
    /// which Rego's number conversions allow. Returns nil for anything else, an exponent
    /// beyond `maxExponent` or more than `maxDigits` significant digits.
    public init?(_ description: String) {
        self.init(parsing: description)
    }

    init?(parsing text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        while let c = bytes.first, c >= 48, c <= 57 {
            digits.append(c)
            sawDigit = true
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            var sawFraction = false
            while let c = bytes.first, c >= 48, c <= 57 {
                digits.append(c)
                fractionDigits += 1
                sawFraction = true
                bytes = bytes.dropFirst()
            }
            guard sawFraction || sawDigit else { return nil }
        }
        guard sawDigit || fractionDigits > 0 else { return nil }
        var exponent = 0
        if let c = bytes.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var expNegative = false
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                expNegative = s == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            var sawExp = false
            while let d = bytes.first, d >= 48, d <= 57 {
                exponent = exponent * 10 + Int(d - 48)
                sawExp = true
                bytes = bytes.dropFirst()
                if exponent > Number.maxExponent * 2 { return nil }
            }
            guard sawExp else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard bytes.isEmpty else { return nil }
        // Leading zeros go in one slice (removing them one by one would take quadratic time on a long run), and
        // the significand is bounded before BigInt parses it (in time quadratic in its length).
        if let firstNonZero = digits.firstIndex(where: { $0 != 48 }) {
            digits.removeSubrange(..<firstNonZero)
        } else {
            digits = [48]
        }
        guard digits.count <= Number.maxDigits else { return nil }
        let scale = exponent - fractionDigits
        guard abs(scale) <= Number.maxExponent || digits.allSatisfy({ $0 == 48 }) else { return nil }
        if digits.count <= 18, scale == 0 {
            var v = 0
            for d in digits { v = v * 10 + Int(d - 48) }
            self.init(negative ? -v : v)
            return
        }
        guard let magnitude = BigInt(String(decoding: digits, as: UTF8.self)) else { return nil }
        self.init(significand: negative ? -magnitude : magnitude, exponent: scale)
    }

    /// The shortest exact decimal text; very large or small decimals use an exponent.
    public var description: String {
        switch storage {
        case .int(let i):
            return String(i)
        case .big(let b):
            return b.description
        case .decimal(let s, let e):
            let negative = s.signum() < 0
            let digits = s.magnitude.description
            let pointPosition = digits.count + e
            var text: String
            if pointPosition > 0 {
                let intPart = digits.prefix(pointPosition)
                text = "\(intPart).\(digits.dropFirst(pointPosition))"
            } else if pointPosition > -6 {
                text = "0." + String(repeating: "0", count: -pointPosition) + digits
            } else {
                let mantissa = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
                text = "\(mantissa)e-\(1 - pointPosition)"
            }
            if negative { text = "-" + text }
            return text
        }
    }
}
