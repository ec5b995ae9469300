import Foundation
import Interchange

/// Go's `time` package semantics that OPA's time built-ins expose: layouts, civil dates in
/// time zones, `AddDate` normalization and durations.
enum GoTime {
    /// A broken-down instant in some zone.
    struct Civil {
        var year: Int
        var month: Int
        var day: Int
        var hour = 0
        var minute = 0
        var second = 0
        var nanosecond = 0
        var offset = 0
        var zoneName = "UTC"
    }

    /// Why a time operation failed; the text is OPA's message.
    struct Failure: Error {
        var message: String
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static let namedLayouts: [String: String] = [
        "ANSIC": "Mon Jan _2 15:04:05 2006",
        "UnixDate": "Mon Jan _2 15:04:05 MST 2006",
        "RubyDate": "Mon Jan 02 15:04:05 -0700 2006",
        "RFC822": "02 Jan 06 15:04 MST",
        "RFC822Z": "02 Jan 06 15:04 -0700",
        "RFC850": "Monday, 02-Jan-06 15:04:05 MST",
        "RFC1123": "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC1123Z": "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC3339": "2006-01-02T15:04:05Z07:00",
        "RFC3339Nano": "2006-01-02T15:04:05.999999999Z07:00",
        "Kitchen": "3:04PM",
        "Stamp": "Jan _2 15:04:05",
        "StampMilli": "Jan _2 15:04:05.000",
        "StampMicro": "Jan _2 15:04:05.000000",
        "StampNano": "Jan _2 15:04:05.000000000",
        "DateTime": "2006-01-02 15:04:05",
        "DateOnly": "2006-01-02",
        "TimeOnly": "15:04:05",
    ]

    /// The zone for OPA's time-zone argument ("" and "UTC" are UTC, "Local" the host's).
    static func zone(_ name: String) throws(Failure) -> TimeZone {
        if name.isEmpty || name == "UTC" { return TimeZone(identifier: "UTC") ?? TimeZone.current }
        if name == "Local" { return TimeZone.current }
        guard let tz = TimeZone(identifier: name) else { throw Failure(message: "unknown time zone \(name)") }
        return tz
    }

    /// Breaks nanoseconds since the epoch into a civil time in `zone`.
    static func civil(nanoseconds: Int, zone: TimeZone) -> Civil {
        let seconds = nanoseconds.flooredDivision(by: 1_000_000_000)
        let nanos = nanoseconds.flooredModulo(1_000_000_000)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = seconds + offset
        let dayCount = local.flooredDivision(by: 86_400)
        let secondOfDay = local.flooredModulo(86_400)
        let date = CivilDate(daysSinceEpoch: dayCount)
        var name = zone.identifier == "UTC" ? "UTC" : (zone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(seconds))) ?? "")
        if name.hasPrefix("GMT"), name != "GMT" { name = formatOffset(offset, colon: false, zulu: false, seconds: false) }
        return Civil(
            year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
            second: secondOfDay % 60, nanosecond: nanos, offset: offset, zoneName: name)
    }

    /// Nanoseconds since the epoch of a civil time, or nil beyond the Int64 range.
    static func nanoseconds(_ c: Civil) -> Int? {
        let dayCount = CivilDate(year: c.year, month: c.month, day: c.day).daysSinceEpoch
        let (s1, o1) = dayCount.multipliedReportingOverflow(by: 86_400)
        guard !o1 else { return nil }
        let (seconds, o4) = s1.addingReportingOverflow(c.hour * 3600 + c.minute * 60 + c.second - c.offset)
        guard !o4 else { return nil }
        let borrow = seconds < 0 && c.nanosecond > 0 ? 1 : 0
        let (ns, o2) = (seconds + borrow).multipliedReportingOverflow(by: 1_000_000_000)
        guard !o2 else { return nil }
        let (total, o3) = ns.addingReportingOverflow(c.nanosecond - borrow * 1_000_000_000)
        return o3 ? nil : total
    }

    // MARK: Layout chunks

    private static let chunks: [String] = [
        "January", "Jan", "Monday", "Mon", "MST", "2006", "002", "01", "02", "03", "04", "05", "06",
        "__2", "_2", "15", "1", "2", "3", "4", "5", "PM", "pm",
        "Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07", "-070000", "-07:00:00", "-0700", "-07:00", "-07",
    ]

    /// Splits a layout into literal text and chunks; fractional seconds are `.000`/`.999`.
    static func tokenize(_ layout: String) -> [(chunk: String?, literal: String)] {
        var out: [(String?, String)] = []
        var rest = Substring(layout)
        var literal = ""
        while !rest.isEmpty {
            if rest.first == "." || rest.first == ",", let next = rest.dropFirst().first, next == "0" || next == "9" {
                let digits = rest.dropFirst().prefix { $0 == next }
                let after = rest.dropFirst(1 + digits.count).first
                if after == nil || !(after?.isNumber ?? false) {
                    if !literal.isEmpty { out.append((nil, literal)) }
                    literal = ""
                    out.append((String(rest.prefix(1 + digits.count)), ""))
                    rest = rest.dropFirst(1 + digits.count)
                    continue
                }
            }
            if let chunk = chunks.first(where: { rest.hasPrefix($0) }) {
                if chunk == "Jan" || chunk == "Mon", rest.hasPrefix(chunk), let next = rest.dropFirst(3).first, next.isLowercase,
                    !rest.hasPrefix("January"), !rest.hasPrefix("Monday")
                {
                    literal.append(rest.removeFirst())
                    continue
                }
                if !literal.isEmpty { out.append((nil, literal)) }
                literal = ""
                out.append((chunk, ""))
                rest = rest.dropFirst(chunk.count)
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { out.append((nil, literal)) }
        return out
    }

    // MARK: Formatting

    static func pad(_ v: Int, _ width: Int, _ fill: Character = "0") -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: fill, count: max(0, width - s.count)) + s
    }

    static func formatOffset(_ offset: Int, colon: Bool, zulu: Bool, seconds: Bool, hoursOnly: Bool = false) -> String {
        if zulu, offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        var s = sign + pad(a / 3600, 2)
        if hoursOnly { return s }
        s += (colon ? ":" : "") + pad(a % 3600 / 60, 2)
        if seconds { s += (colon ? ":" : "") + pad(a % 60, 2) }
        return s
    }

    /// Formats a civil time with a Go layout.
    static func format(_ c: Civil, layout: String) -> String {
        var out = ""
        let dayCount = CivilDate(year: c.year, month: c.month, day: c.day).daysSinceEpoch
        for (chunk, literal) in tokenize(layout) {
            guard let chunk else {
                out += literal
                continue
            }
            switch chunk {
            case "January": out += monthNames[c.month - 1]
            case "Jan": out += String(monthNames[c.month - 1].prefix(3))
            case "Monday": out += dayNames[CivilDate(daysSinceEpoch: dayCount).weekday]
            case "Mon": out += String(dayNames[CivilDate(daysSinceEpoch: dayCount).weekday].prefix(3))
            case "MST": out += c.zoneName
            case "2006": out += pad(c.year, 4)
            case "06": out += pad(c.year % 100, 2)
            case "01": out += pad(c.month, 2)
            case "1": out += String(c.month)
            case "02": out += pad(c.day, 2)
            case "2": out += String(c.day)
            case "_2": out += pad(c.day, 2, " ")
            case "002": out += pad(dayCount - CivilDate(year: c.year, month: 1, day: 1).daysSinceEpoch + 1, 3)
            case "__2": out += pad(dayCount - CivilDate(year: c.year, month: 1, day: 1).daysSinceEpoch + 1, 3, " ")
            case "15": out += pad(c.hour, 2)
            case "03": out += pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2)
            case "3": out += String(c.hour % 12 == 0 ? 12 : c.hour % 12)
            case "04": out += pad(c.minute, 2)
            case "4": out += String(c.minute)
            case "05": out += pad(c.second, 2)
            case "5": out += String(c.second)
            case "PM": out += c.hour >= 12 ? "PM" : "AM"
            case "pm": out += c.hour >= 12 ? "pm" : "am"
            case "Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07", "-070000", "-07:00:00", "-0700", "-07:00", "-07":
                out += formatOffset(
                    c.offset, colon: chunk.contains(":"), zulu: chunk.hasPrefix("Z"),
                    seconds: chunk.hasSuffix("0000") || chunk.hasSuffix(":00:00"), hoursOnly: chunk.hasSuffix("07"))
            default:
                let digits = chunk.count - 1
                var frac = pad(c.nanosecond, 9)
                frac = String(frac.prefix(digits))
                if chunk.dropFirst().first == "9" {
                    while frac.hasSuffix("0") { frac.removeLast() }
                    if !frac.isEmpty { out += String(chunk.prefix(1)) + frac }
                } else {
                    out += String(chunk.prefix(1)) + frac
                }
            }
        }
        return out
    }

    // MARK: Parsing

    /// Parses `value` with a Go layout into nanoseconds since the epoch.
    static func parse(layout: String, value: String) throws(Failure) -> Int {
        var rest = Substring(value)
        var c = Civil(year: 0, month: 1, day: 1)
        var pm: Bool?
        let bad = Failure(message: "parsing time \"\(value)\" as \"\(layout)\": cannot parse")
        func number(_ minDigits: Int, _ maxDigits: Int) throws(Failure) -> Int {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }.prefix(maxDigits)
            guard digits.count >= minDigits, let v = Int(digits) else { throw bad }
            rest = rest.dropFirst(digits.count)
            return v
        }
        let tokens = tokenize(layout)
        for (index, token) in tokens.enumerated() {
            guard let chunk = token.chunk else {
                guard rest.hasPrefix(token.literal) else { throw bad }
                rest = rest.dropFirst(token.literal.count)
                continue
            }
            switch chunk {
            case "January", "Jan":
                let names = chunk == "January" ? monthNames : monthNames.map { String($0.prefix(3)) }
                guard let i = names.firstIndex(where: { rest.lowercased().hasPrefix($0.lowercased()) }) else { throw bad }
                c.month = i + 1
                rest = rest.dropFirst(names[i].count)
            case "Monday", "Mon":
                let names = chunk == "Monday" ? dayNames : dayNames.map { String($0.prefix(3)) }
                guard let i = names.firstIndex(where: { rest.lowercased().hasPrefix($0.lowercased()) }) else { throw bad }
                rest = rest.dropFirst(names[i].count)
            case "MST":
                let letters = rest.prefix { $0.isUppercase || $0.isNumber || $0 == "+" || $0 == "-" }
                guard letters.count >= 3 else { throw bad }
                c.zoneName = String(letters)
                rest = rest.dropFirst(letters.count)
            case "2006":
                let negative = rest.first == "-"
                if negative { rest = rest.dropFirst() }
                c.year = try number(4, 4) * (negative ? -1 : 1)
            case "06":
                let y = try number(2, 2)
                c.year = y >= 69 ? 1900 + y : 2000 + y
            case "01": c.month = try number(2, 2)
            case "1": c.month = try number(1, 2)
            case "02": c.day = try number(2, 2)
            case "2": c.day = try number(1, 2)
            case "_2":
                if rest.first == " " { rest = rest.dropFirst() }
                c.day = try number(1, 2)
            case "002", "__2":
                while rest.first == " " { rest = rest.dropFirst() }
                let yday = try number(1, 3)
                c.month = 1
                c.day = yday
            case "15": c.hour = try number(1, 2)
            case "03": c.hour = try number(2, 2)
            case "3": c.hour = try number(1, 2)
            case "04": c.minute = try number(2, 2)
            case "4": c.minute = try number(1, 2)
            case "05", "5":
                c.second = try number(chunk == "05" ? 2 : 1, 2)
                let nextIsFraction = index + 1 < tokens.count && (tokens[index + 1].chunk?.hasPrefix(".") ?? false || tokens[index + 1].chunk?.hasPrefix(",") ?? false)
                if !nextIsFraction, rest.first == "." || rest.first == ",", let d = rest.dropFirst().first, d.isNumber {
                    rest = rest.dropFirst()
                    c.nanosecond = try fraction(&rest)
                }
            case "PM", "pm":
                let word = rest.prefix(2).uppercased()
                guard word == "AM" || word == "PM" else { throw bad }
                pm = word == "PM"
                rest = rest.dropFirst(2)
            case "Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07", "-070000", "-07:00:00", "-0700", "-07:00", "-07":
                if chunk.hasPrefix("Z"), rest.first == "Z" {
                    rest = rest.dropFirst()
                    c.offset = 0
                    continue
                }
                guard let sign = rest.first, sign == "+" || sign == "-" else { throw bad }
                rest = rest.dropFirst()
                let h = try number(2, 2)
                var m = 0
                var s = 0
                if !chunk.hasSuffix("07") {
                    if chunk.contains(":") {
                        guard rest.first == ":" else { throw bad }
                        rest = rest.dropFirst()
                    }
                    m = try number(2, 2)
                    if chunk.hasSuffix("0000") || chunk.hasSuffix(":00:00") {
                        if chunk.contains(":") {
                            guard rest.first == ":" else { throw bad }
                            rest = rest.dropFirst()
                        }
                        s = try number(2, 2)
                    }
                }
                c.offset = (h * 3600 + m * 60 + s) * (sign == "-" ? -1 : 1)
            default:
                guard rest.first == chunk.first else {
                    if chunk.dropFirst().first == "9" { continue }
                    throw bad
                }
                rest = rest.dropFirst()
                c.nanosecond = try fraction(&rest)
            }
        }
        guard rest.isEmpty else {
            throw Failure(message: "parsing time \"\(value)\" as \"\(layout)\": extra text: \"\(rest)\"")
        }
        if let pm {
            if pm, c.hour < 12 { c.hour += 12 }
            if !pm, c.hour == 12 { c.hour = 0 }
        }
        guard c.month >= 1, c.month <= 12 || layout.contains("002"), c.day >= 1, c.day <= 31 || layout.contains("002"),
            c.hour < 24, c.minute < 60, c.second < 60
        else {
            throw Failure(message: "parsing time \"\(value)\": value out of range")
        }
        guard layout.contains("002") || c.day <= CivilDate.days(inMonth: c.month, of: c.year) else {
            throw Failure(message: "parsing time \"\(value)\": day out of range")
        }
        guard let ns = nanoseconds(c) else { throw Failure(message: "time outside of valid range") }
        return ns
    }

    private static func fraction(_ rest: inout Substring) throws(Failure) -> Int {
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(digits.count)
        var s = String(digits.prefix(9))
        while s.count < 9 { s += "0" }
        return Int(s) ?? 0
    }

    // MARK: Durations

    private static let unitNanoseconds: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 6e10, "h": 3.6e12,
    ]

    /// Go's `time.ParseDuration`.
    static func parseDuration(_ text: String) throws(Failure) -> Int {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { throw Failure(message: "time: invalid duration \"\(text)\"") }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let v = Double(number) else { throw Failure(message: "time: invalid duration \"\(text)\"") }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !$0.isNumber && $0 != "." }
            guard let scale = unitNanoseconds[String(unit)] else {
                if unit.isEmpty { throw Failure(message: "time: missing unit in duration \"\(text)\"") }
                throw Failure(message: "time: unknown unit \"\(unit)\" in duration \"\(text)\"")
            }
            rest = rest.dropFirst(unit.count)
            total += v * scale
        }
        guard total < 9.2e18 else { throw Failure(message: "time: invalid duration \"\(text)\"") }
        return Int((negative ? -total : total).rounded())
    }
}
