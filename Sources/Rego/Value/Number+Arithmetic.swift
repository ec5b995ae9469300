import BigInt

/// Exact arithmetic on numbers: integers stay exact at any size, decimals are exact for
/// addition, subtraction and multiplication; inexact quotients are rounded.
extension Number {
    /// Why an arithmetic operation has no result.
    enum ArithmeticFailure: Error, Equatable {
        case divideByZero
        case moduloByZero
        case moduloOnFloat
        case tooLarge
    }

    /// The largest magnitude, in bits, an integer result may have.
    static let maxBits = 65_536

    private static func checked(_ n: Number) throws(ArithmeticFailure) -> Number {
        switch n.storage {
        case .int: return n
        case .big(let b):
            guard b.bitWidth <= maxBits else { throw .tooLarge }
            return n
        case .decimal(let s, let e):
            guard s.bitWidth <= maxBits, e >= -maxExponent else { throw .tooLarge }
            return n
        }
    }

    static func aligned(_ a: Number, _ b: Number) -> (BigInt, BigInt, Int) {
        let (s1, e1) = a.decimalParts
        let (s2, e2) = b.decimalParts
        let e = min(e1, e2)
        return (s1 * BigInt(10).power(e1 - e), s2 * BigInt(10).power(e2 - e), e)
    }

    /// `a + b`.
    static func add(_ a: Number, _ b: Number) throws(ArithmeticFailure) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, overflow) = x.addingReportingOverflow(y)
            if !overflow { return Number(r) }
        }
        let (x, y, e) = aligned(a, b)
        return try checked(Number(significand: x + y, exponent: e))
    }

    /// `a - b`.
    static func subtract(_ a: Number, _ b: Number) throws(ArithmeticFailure) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, overflow) = x.subtractingReportingOverflow(y)
            if !overflow { return Number(r) }
        }
        let (x, y, e) = aligned(a, b)
        return try checked(Number(significand: x - y, exponent: e))
    }

    /// `a * b`.
    static func multiply(_ a: Number, _ b: Number) throws(ArithmeticFailure) -> Number {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            if !overflow { return Number(r) }
        }
        let (s1, e1) = a.decimalParts
        let (s2, e2) = b.decimalParts
        guard s1.bitWidth + s2.bitWidth <= maxBits * 2 else { throw .tooLarge }
        return try checked(rounded(significand: s1 * s2, exponent: e1 + e2))
    }

    /// `a / b`, exact when the quotient is a finite decimal of bounded length.
    static func divide(_ a: Number, _ b: Number) throws(ArithmeticFailure) -> Number {
        guard b.signum != 0 else { throw .divideByZero }
        if case .int(let x) = a.storage, case .int(let y) = b.storage, y != -1, x % y == 0 {
            return Number(x / y)
        }
        let (x, y, _) = aligned(a, b)
        let scale = significantDigits + 2
        let scaled = x * BigInt(10).power(scale)
        let (q, r) = scaled.quotientAndRemainder(dividingBy: y)
        if r.isZero {
            return try checked(rounded(significand: q, exponent: -scale))
        }
        guard let result = Number(a.doubleValue / b.doubleValue) else { throw .tooLarge }
        return result
    }

    /// `a % b` on integers (Go semantics: the sign follows the dividend).
    static func remainder(_ a: Number, _ b: Number) throws(ArithmeticFailure) -> Number {
        guard a.isInteger, b.isInteger else { throw .moduloOnFloat }
        guard b.signum != 0 else { throw .moduloByZero }
        if case .int(let x) = a.storage, case .int(let y) = b.storage, y != -1 {
            return Number(x % y)
        }
        let (x, y, _) = aligned(a, b)
        return Number(x.quotientAndRemainder(dividingBy: y).remainder)
    }

    /// `-a`.
    var negated: Number {
        switch storage {
        case .int(let i) where i != Int.min: Number(-i)
        default:
            Number(significand: -decimalParts.significand, exponent: decimalParts.exponent)
        }
    }

    /// `|a|`.
    var magnitude: Number { signum < 0 ? negated : self }

    /// The largest integer not above the number.
    var floor: Number {
        guard case .decimal(let s, let e) = storage else { return self }
        let (q, r) = s.quotientAndRemainder(dividingBy: BigInt(10).power(-e))
        return Number(r.signum() < 0 ? q - 1 : q)
    }

    /// The smallest integer not below the number.
    var ceiling: Number {
        guard case .decimal(let s, let e) = storage else { return self }
        let (q, r) = s.quotientAndRemainder(dividingBy: BigInt(10).power(-e))
        return Number(r.signum() > 0 ? q + 1 : q)
    }

    /// The nearest integer, halves rounded away from zero.
    var roundedToInteger: Number {
        guard case .decimal(let s, let e) = storage else { return self }
        let divisor = BigInt(10).power(-e)
        let (q, r) = s.quotientAndRemainder(dividingBy: divisor)
        if r.magnitude * 2 >= divisor.magnitude {
            return Number(s.signum() < 0 ? q - 1 : q + 1)
        }
        return Number(q)
    }

    /// Rounds a decimal to at most `significantDigits` digits.
    static func rounded(significand: BigInt, exponent: Int) -> Number {
        guard exponent < 0 else { return Number(significand: significand, exponent: exponent) }
        let digitCount = significand.magnitude.description.count
        let excess = min(digitCount - significantDigits, -exponent)
        guard excess > 0 else { return Number(significand: significand, exponent: exponent) }
        let divisor = BigInt(10).power(excess)
        var (q, r) = significand.quotientAndRemainder(dividingBy: divisor)
        if r.magnitude * 2 >= divisor.magnitude { q += significand.signum() < 0 ? -1 : 1 }
        return Number(significand: q, exponent: exponent + excess)
    }
}
