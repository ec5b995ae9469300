/// A date of the proleptic Gregorian calendar, and its day count since 1970-01-01 (Howard Hinnant's
/// algorithms): the one calendar of RFC 3339 timestamps and of Rego's time built-ins.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int

    /// A date; `month` outside 1…12 carries into the year (month 13 of 2024 is January 2025), as Go's `time.Date`
    /// normalises.
    public init(year: Int, month: Int, day: Int) {
        self.year = year + (month - 1).flooredDivision(by: 12)
        self.month = (month - 1).flooredModulo(12) + 1
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it, when negative).
    public init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = shifted.flooredDivision(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01; `day` beyond the month's length carries into the next month.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.flooredDivision(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 for Sunday … 6 for Saturday.
    public var weekday: Int { (daysSinceEpoch + 4).flooredModulo(7) }

    /// The number of days in `month` (1…12) of `year`.
    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    public func flooredDivision(by divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor != 0 && (self < 0) != (divisor < 0) ? quotient - 1 : quotient
    }

    /// The remainder that goes with ``flooredDivision(by:)``: it has the divisor's sign.
    public func flooredModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder != 0 && (remainder < 0) != (divisor < 0) ? remainder + divisor : remainder
    }
}
