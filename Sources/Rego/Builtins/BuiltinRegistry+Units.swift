import BigInt

/// units.parse and units.parse_bytes: decimal (k, M, G…) and binary (Ki, Mi, Gi…) suffixes.
extension BuiltinRegistry {
    private static let decimalPowers = ["k": 1, "m": 2, "g": 3, "t": 4, "p": 5, "e": 6]

    /// Splits `12.5e3Ki` into the number text and the unit.
    private static func split(_ s: String) -> (number: String, unit: String) {
        let chars = Array(s)
        var i = chars.first == "-" || chars.first == "+" ? 1 : 0
        let digitsStart = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
        if i > digitsStart, i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            let exponentStart = j
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j > exponentStart { i = j }
        }
        return (String(chars[..<i]), String(chars[i...]))
    }

    /// The multiplier of a unit as `base^power`, nil when unknown.
    private static func multiplier(_ unit: String, bytes: Bool) -> Number? {
        if unit.isEmpty { return Number(1) }
        if !bytes, unit == "m" { return Number(significand: 1, exponent: -3) }
        var u = unit.lowercased()
        if bytes, u.hasSuffix("b") { u.removeLast() }
        if u.isEmpty { return Number(1) }
        if u.count == 2, u.hasSuffix("i"), let p = decimalPowers[String(u.prefix(1))] {
            return Number(BigInt(1) << (10 * p))
        }
        if let p = decimalPowers[u] { return Number(BigInt(10).power(3 * p)) }
        return nil
    }

    private static func parseUnits(_ a: Operands, bytes: Bool) throws(RegoError) -> Value {
        let what = bytes ? "byte amount" : "amount"
        var s = try a.string(0)
        s = s.replacingAll("\"", with: "")
        if s.contains(where: \.isWhitespace) { throw a.failure("spaces not allowed in resource strings") }
        let (numberText, unit) = split(s)
        guard !numberText.isEmpty else { throw a.failure("no \(what) provided") }
        let exponentPart = numberText.lowercased().split(separator: "e", maxSplits: 1).dropFirst().first
        if let exponentPart, let e = Int(exponentPart), abs(e) > 1000 { throw a.failure("exponent too large") }
        if let exponentPart, Int(exponentPart) == nil { throw a.failure("exponent too large") }
        guard let amount = Number(parsing: numberText) else {
            throw a.failure("could not parse \(what) to a number")
        }
        guard let scale = multiplier(unit, bytes: bytes) else {
            throw a.failure("unknown unit \(unit)")
        }
        do {
            let product = try Number.multiply(amount, scale)
            return .number(bytes ? product.floor : product)
        } catch {
            throw a.failure("number too large")
        }
    }

    static let units: [Builtin] = [
        define("units.parse", 1) { a, _ in try parseUnits(a, bytes: false) },
        define("units.parse_bytes", 1) { a, _ in try parseUnits(a, bytes: true) },
    ]
}
