import Foundation
import SwiftASN1

/// X.509 `Time` (UTCTime or GeneralizedTime) as a `Date`.
enum ASN1Time {
    /// Reads a Time node.
    static func date(from node: ASN1Node) throws -> Date {
        switch node.identifier {
        case UTCTime.defaultIdentifier:
            let time = try UTCTime(derEncoded: node)
            return date(time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        case GeneralizedTime.defaultIdentifier:
            let time = try GeneralizedTime(derEncoded: node)
            return date(time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        default:
            throw PKIError.malformed(what: "time", reason: "expected UTCTime or GeneralizedTime, got \(node.identifier)")
        }
    }

    /// Seconds since 1970 for a proleptic Gregorian UTC date (Howard Hinnant's days-from-civil).
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hours: Int, _ minutes: Int, _ seconds: Int) -> Date {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86400 + hours * 3600 + minutes * 60 + seconds))
    }
}
