public import BigInt

/// An exact Rego number: a machine integer, an arbitrary-size integer or a finite decimal.
///
/// The representation is canonical (integers never use the decimal form, decimals carry no
/// trailing zeros), so synthesized equality and hashing are numeric.
public struct Number: Sendable, Hashable {
    /// The rare big and decimal cases are boxed, so that a `Value` stays a few words and copying one is cheap.
    enum Storage: Sendable, Hashable {
        case int(Int)
        indirect case big(BigInt)
        /// `significand × 10^exponent` with `exponent < 0` and a significand not divisible by 10.
        indirect case decimal(BigInt, Int)
    }

    let storage: Storage

    /// The largest decimal exponent magnitude a number may carry.
    public static let maxExponent = 4_000
    /// The most significant decimal digits a number's text may have: about the `maxBits` arithmetic keeps.
    static let maxDigits = 20_000
    /// The largest number of significant decimal digits kept after an inexact operation.
    static let significantDigits = 34

    private init(storage: Storage) { self.storage = storage }

    /// Creates a number from a machine integer.
    public init(_ value: Int) { storage = .int(value) }

    /// Creates a number from an arbitrary-size integer.
    public init(_ value: BigInt) {
        if let i = Int(exactly: value) { storage = .int(i) } else { storage = .big(value) }
    }

    /// Creates the number `significand × 10^exponent`.
    init(significand: BigInt, exponent: Int) {
        var s = significand
        var e = exponent
        if s.isZero {
            self.init(0)
            return
        }
        if e >= 0 {
            self.init(s * BigInt(10).power(e))
            return
        }
        while e < 0 {
            let (q, r) = s.quotientAndRemainder(dividingBy: 10)
            guard r.isZero else { break }
            s = q
            e += 1
        }
        if e == 0 {
            self.init(s)
        } else {
            self.init(storage: .decimal(s, e))
        }
    }

    /// Creates the number closest to a finite double, using its shortest decimal form.
    public init?(_ double: Double) {
        guard double.isFinite else { return nil }
        if double == double.rounded(), abs(double) < 9e15 {
            self.init(Int(double))
            return
        }
        self.init(parsing: "\(double)")
    }

    /// The value as `significand × 10^exponent`.
    var decimalParts: (significand: BigInt, exponent: Int) {
        switch storage {
        case .int(let i): (BigInt(i), 0)
        case .big(let b): (b, 0)
        case .decimal(let s, let e): (s, e)
        }
    }

    /// Whether the number is integral.
    public var isInteger: Bool {
        if case .decimal = storage { return false }
        return true
    }

    /// The value as a Swift `Int`, if it is integral and in range.
    public var intValue: Int? {
        if case .int(let i) = storage { return i }
        return nil
    }

    /// The value as an arbitrary-size integer, if it is integral.
    public var bigIntValue: BigInt? {
        switch storage {
        case .int(let i): BigInt(i)
        case .big(let b): b
        case .decimal: nil
        }
    }

    /// The nearest double.
    public var doubleValue: Double {
        switch storage {
        case .int(let i): Double(i)
        case .big(let b): Double(b)
        case .decimal: Double(description) ?? .nan
        }
    }

    /// The sign: -1, 0 or 1.
    var signum: Int {
        switch storage {
        case .int(let i): i.signum()
        case .big(let b): b.sign == .minus ? -1 : 1
        case .decimal(let s, _): s.sign == .minus ? -1 : 1
        }
    }

    /// Three-way numeric comparison.
    static func compare(_ a: Number, _ b: Number) -> Int {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        let (s1, e1) = a.decimalParts
        let (s2, e2) = b.decimalParts
        let e = min(e1, e2)
        let x = s1 * BigInt(10).power(e1 - e)
        let y = s2 * BigInt(10).power(e2 - e)
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}

extension Number: Comparable {
    public static func < (lhs: Number, rhs: Number) -> Bool { compare(lhs, rhs) < 0 }
}
