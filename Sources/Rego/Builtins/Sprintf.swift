import BigInt

/// Go-style `fmt` formatting for `sprintf`: verbs v s d f e g x X o b c q t and %%, with
/// flags, width and precision. The output is checked against the bounds piece by piece, before it grows.
enum Sprintf {
    /// The largest width or precision honoured, so a format cannot demand unbounded output.
    static let maxWidth = 10_000

    static func format(_ format: String, _ args: [Value], into out: inout BoundedOutput) throws(RegoError) {
        let bytes = Array(format.utf8)
        var index = 0
        var argIndex = 0
        // Text between verbs is copied in runs; only the verbs are parsed (their flags, digits and verb letters
        // are ASCII; a non-ASCII verb is decoded as the scalar it is).
        func digit(_ at: Int) -> Int? {
            at < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) ? Int(bytes[at] - UInt8(ascii: "0")) : nil
        }
        while index < bytes.count {
            var runEnd = index
            while runEnd < bytes.count, bytes[runEnd] != UInt8(ascii: "%") { runEnd += 1 }
            if runEnd > index { try out.append(bytes[index..<runEnd]) }
            guard runEnd < bytes.count else { break }
            index = runEnd + 1
            var flags = Set<Unicode.Scalar>()
            while index < bytes.count, let flag = "-+# 0".unicodeScalars.first(where: { $0.value == UInt32(bytes[index]) }) {
                flags.insert(flag)
                index += 1
            }
            var width: Int?
            while let d = digit(index) {
                width = min((width ?? 0) * 10 + d, maxWidth)
                index += 1
            }
            var precision: Int?
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                precision = 0
                while let d = digit(index) {
                    precision = min((precision ?? 0) * 10 + d, maxWidth)
                    index += 1
                }
            }
            guard index < bytes.count else {
                try out.append("%!(NOVERB)")
                break
            }
            var verbLength = 1
            while index + verbLength < bytes.count, bytes[index + verbLength] & 0xC0 == 0x80 { verbLength += 1 }
            guard let verb = String(decoding: bytes[index..<(index + verbLength)], as: UTF8.self).unicodeScalars.first else {
                break
            }
            index += verbLength
            if verb == "%" {
                try out.append("%")
                continue
            }
            guard argIndex < args.count else {
                try out.append("%!\(verb)(MISSING)")
                continue
            }
            let arg = args[argIndex]
            argIndex += 1
            try out.checkText(of: arg)
            var text = render(verb, arg, flags: flags, precision: precision)
            if let width, text.count < width {
                let pad = width - text.count
                if flags.contains("-") {
                    text += String(repeating: " ", count: pad)
                } else if flags.contains("0"), arg.numberValue != nil, "dfeEgxXob".unicodeScalars.contains(verb) {
                    let negative = text.hasPrefix("-") || text.hasPrefix("+")
                    let sign = negative ? String(text.prefix(1)) : ""
                    text = sign + String(repeating: "0", count: pad) + text.dropFirst(sign.count)
                } else {
                    text = String(repeating: " ", count: pad) + text
                }
            }
            try out.append(text)
        }
        if argIndex < args.count {
            try out.append("%!(EXTRA ")
            for (i, arg) in args[argIndex...].enumerated() {
                try out.checkText(of: arg)
                try out.append((i == 0 ? "" : ", ") + goType(arg) + "=" + plain(arg))
            }
            try out.append(")")
        }
    }

    private static func goType(_ v: Value) -> String {
        switch v {
        case .string: "string"
        case .number(let n): n.isInteger ? "int" : "float64"
        case .bool: "bool"
        default: "ast.Value"
        }
    }

    /// `%v` text: strings bare, everything else in Rego notation.
    static func plain(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return v.regoText
    }

    private static func render(_ verb: Unicode.Scalar, _ arg: Value, flags: Set<Unicode.Scalar>, precision: Int?) -> String {
        switch verb {
        case "v", "s":
            var s = plain(arg)
            if let precision, verb == "s" { s = String(s.prefix(precision)) }
            return s
        case "q":
            if case .string(let s) = arg { return Value.string(s).jsonText }
            return "%!q(\(plain(arg)))"
        case "t":
            if case .bool(let b) = arg { return b ? "true" : "false" }
            return "%!t(\(plain(arg)))"
        case "d":
            guard case .number(let n) = arg, let i = n.bigIntValue else { return "%!d(\(goType(arg))=\(plain(arg)))" }
            return signed(i.description, flags)
        case "x", "X", "o", "b":
            let radix = verb == "o" ? 8 : (verb == "b" ? 2 : 16)
            if case .number(let n) = arg, let i = n.bigIntValue {
                var s = String(i.magnitude, radix: radix, uppercase: verb == "X")
                if flags.contains("#") {
                    s = (radix == 16 ? (verb == "X" ? "0X" : "0x") : radix == 8 ? "0" : "") + s
                }
                return signed((i.sign == .minus ? "-" : "") + s, flags)
            }
            if case .string(let s) = arg, radix == 16 {
                return s.utf8.map { b in
                    let h = String(b, radix: 16, uppercase: verb == "X")
                    return h.count == 1 ? "0" + h : h
                }.joined()
            }
            return "%!\(verb)(\(plain(arg)))"
        case "f", "F", "e", "E", "g", "G":
            guard case .number(let n) = arg else { return "%!\(verb)(\(goType(arg))=\(plain(arg)))" }
            if verb != "f", verb != "F", !n.doubleValue.isFinite { return n.doubleValue < 0 ? "-Inf" : "+Inf" }
            return signed(formatFloat(n, verb, precision), flags)
        case "c":
            if case .number(let n) = arg, let i = n.intValue, let u = Unicode.Scalar(UInt32(clamping: i)) { return String(u) }
            return "%!c(\(plain(arg)))"
        default:
            return "%!\(verb)(\(goType(arg))=\(plain(arg)))"
        }
    }

    private static func signed(_ s: String, _ flags: Set<Unicode.Scalar>) -> String {
        if s.hasPrefix("-") { return s }
        if flags.contains("+") { return "+" + s }
        if flags.contains(" ") { return " " + s }
        return s
    }

    /// Fixed, exponent or shortest notation of a number.
    static func formatFloat(_ n: Number, _ verb: Unicode.Scalar, _ precision: Int?) -> String {
        switch verb {
        case "f", "F":
            return fixed(n, precision ?? 6)
        case "e", "E":
            let d = n.doubleValue
            let p = precision ?? 6
            var s = exponential(d, p)
            if verb == "E" { s = s.uppercased() }
            return s
        default:
            if let precision {
                let d = n.doubleValue
                let exp = d == 0 ? 0 : Int((abs(d)).log10Floor)
                if exp < -4 || exp >= max(precision, 1) { return exponential(d, max(precision, 1) - 1) }
                return trimZeros(fixed(n, max(max(precision, 1) - 1 - exp, 0)))
            }
            return n.description
        }
    }

    /// Rounds half to even at `digits` decimals using exact decimal arithmetic.
    static func fixed(_ n: Number, _ digits: Int) -> String {
        let (s, e) = n.decimalParts
        var scaled: BigInt
        let shift = e + digits
        if shift >= 0 {
            scaled = s * BigInt(10).power(shift)
        } else {
            let divisor = BigInt(10).power(-shift)
            let (q, r) = s.quotientAndRemainder(dividingBy: divisor)
            scaled = q
            let twice = r.magnitude * 2
            if twice > divisor.magnitude || (twice == divisor.magnitude && q.magnitude % 2 == 1) {
                scaled += s.sign == .minus ? -1 : 1
            }
        }
        let negative = scaled.sign == .minus || (s.sign == .minus && scaled.isZero)
        var digitsText = scaled.magnitude.description
        if digits > 0 {
            if digitsText.count <= digits {
                digitsText = String(repeating: "0", count: digits - digitsText.count + 1) + digitsText
            }
            digitsText.insert(".", at: digitsText.index(digitsText.endIndex, offsetBy: -digits))
        }
        return (negative ? "-" : "") + digitsText
    }

    private static func exponential(_ d: Double, _ precision: Int) -> String {
        if d == 0 { return fixed(Number(0), precision) + "e+00" }
        var exp = Int(abs(d).log10Floor)
        var mantissa = d / pow10(exp)
        let scale = pow10(precision)
        mantissa = (mantissa * scale).rounded() / scale
        if abs(mantissa) >= 10 {
            mantissa /= 10
            exp += 1
        }
        let m = Number(mantissa).map { fixed($0, precision) } ?? "\(mantissa)"
        let sign = exp < 0 ? "-" : "+"
        let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
        return "\(m)e\(sign)\(e)"
    }

    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }

    private static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

extension Double {
    /// `floor(log10(self))` for positive finite values.
    var log10Floor: Double {
        guard isFinite, self > 0 else { return 0 }
        var e = 0.0
        var v = self
        while v >= 10 {
            v /= 10
            e += 1
        }
        while v < 1 {
            v *= 10
            e -= 1
        }
        return e
    }
}
