import Foundation
import Interchange

/// time.* built-ins on nanoseconds since the Unix epoch, with Go layouts and IANA zones.
extension BuiltinRegistry {
    /// Nanoseconds from a number operand; fails like OPA when it does not fit an Int64.
    private static func nanoseconds(_ a: Operands, _ value: Value, _ i: Int) throws(RegoError) -> Int {
        guard case .number(let n) = value else { throw a.typeError(i, "number") }
        guard let v = (n.signum < 0 ? n.ceiling : n.floor).intValue else { throw a.failure("timestamp too big") }
        return v
    }

    /// `ns` or `[ns, zone]` or `[ns, zone, layout]`.
    private static func instant(_ a: Operands) throws(RegoError) -> (ns: Int, zone: TimeZone, layout: String?) {
        switch a[0] {
        case .number:
            return (try nanoseconds(a, a[0], 0), try zone(a, ""), nil)
        case .array(let items):
            guard items.count == 2 || items.count == 3 else {
                throw a.failure("array argument must have 2 or 3 elements")
            }
            let ns = try nanoseconds(a, items[0], 0)
            guard case .string(let tz) = items[1] else { throw a.typeError(0, "string time zone") }
            var layout: String?
            if items.count == 3 {
                guard case .string(let l) = items[2] else { throw a.typeError(0, "string layout") }
                layout = l
            }
            return (ns, try zone(a, tz), layout)
        default:
            throw a.typeError(0, "one of {number, array}")
        }
    }

    private static func zone(_ a: Operands, _ name: String) throws(RegoError) -> TimeZone {
        do { return try GoTime.zone(name) } catch { throw a.failure(error.message) }
    }

    private static func checked(_ a: Operands, _ c: GoTime.Civil) throws(RegoError) -> Value {
        guard let ns = GoTime.nanoseconds(c) else { throw a.failure("time outside of valid range") }
        return .int(ns)
    }

    static let time: [Builtin] = [
        define("time.now_ns", 0, nondeterministic: true) { _, ctx in .int(ctx.nowNanoseconds) },
        define("time.parse_rfc3339_ns", 1) { a, _ in
            do {
                return .int(try GoTime.parse(layout: "2006-01-02T15:04:05Z07:00", value: try a.string(0)))
            } catch let error as GoTime.Failure {
                throw a.failure(error.message)
            }
        },
        define("time.parse_ns", 2) { a, _ in
            let layout = try a.string(0)
            do {
                return .int(try GoTime.parse(layout: GoTime.namedLayouts[layout] ?? layout, value: try a.string(1)))
            } catch let error as GoTime.Failure {
                throw a.failure(error.message)
            }
        },
        define("time.parse_duration_ns", 1) { a, _ in
            do { return .int(try GoTime.parseDuration(try a.string(0))) } catch let error as GoTime.Failure {
                throw a.failure(error.message)
            }
        },
        define("time.format", 1) { a, ctx in
            let (ns, zone, layout) = try instant(a)
            let c = GoTime.civil(nanoseconds: ns, zone: zone)
            let l = layout.map { GoTime.namedLayouts[$0] ?? $0 } ?? "2006-01-02T15:04:05.999999999Z07:00"
            return try ctx.string(GoTime.format(c, layout: l))
        },
        define("time.date", 1) { a, _ in
            let (ns, zone, _) = try instant(a)
            let c = GoTime.civil(nanoseconds: ns, zone: zone)
            return .array([.int(c.year), .int(c.month), .int(c.day)])
        },
        define("time.clock", 1) { a, _ in
            let (ns, zone, _) = try instant(a)
            let c = GoTime.civil(nanoseconds: ns, zone: zone)
            return .array([.int(c.hour), .int(c.minute), .int(c.second)])
        },
        define("time.weekday", 1) { a, _ in
            let (ns, zone, _) = try instant(a)
            let c = GoTime.civil(nanoseconds: ns, zone: zone)
            return .string(GoTime.dayNames[CivilDate(year: c.year, month: c.month, day: c.day).weekday])
        },
        define("time.add_date", 4) { a, _ in
            let ns = try nanoseconds(a, a[0], 0)
            let years = try integer(a, 1)
            let months = try integer(a, 2)
            let days = try integer(a, 3)
            guard abs(years) <= 1_000_000, abs(months) <= 12_000_000, abs(days) <= 400_000_000 else {
                throw a.failure("time outside of valid range")
            }
            var c = GoTime.civil(nanoseconds: ns, zone: try zone(a, ""))
            c.year += years
            c.month += months
            let date = CivilDate(daysSinceEpoch: CivilDate(year: c.year, month: c.month, day: c.day).daysSinceEpoch + days)
            (c.year, c.month, c.day) = (date.year, date.month, date.day)
            return try checked(a, c)
        },
        define("time.diff", 2) { a, _ in
            func read(_ i: Int) throws(RegoError) -> (Int, TimeZone) {
                switch a[i] {
                case .number: return (try nanoseconds(a, a[i], i), try zone(a, ""))
                case .array(let items) where items.count == 2:
                    guard case .string(let tz) = items[1] else { throw a.typeError(i, "string time zone") }
                    return (try nanoseconds(a, items[0], i), try zone(a, tz))
                default: throw a.typeError(i, "one of {number, array}")
                }
            }
            var (n1, z1) = try read(0)
            var (n2, _) = try read(1)
            if n1 > n2 { swap(&n1, &n2) }
            let x = GoTime.civil(nanoseconds: n1, zone: z1)
            let y = GoTime.civil(nanoseconds: n2, zone: z1)
            var year = y.year - x.year
            var month = y.month - x.month
            var day = y.day - x.day
            var hour = y.hour - x.hour
            var minute = y.minute - x.minute
            var second = y.second - x.second
            let nano = y.nanosecond - x.nanosecond
            if nano < 0 { second -= 1 }
            if second < 0 { second += 60; minute -= 1 }
            if minute < 0 { minute += 60; hour -= 1 }
            if hour < 0 { hour += 24; day -= 1 }
            if day < 0 {
                let overflow = CivilDate(daysSinceEpoch: CivilDate(year: x.year, month: x.month, day: 32).daysSinceEpoch)
                day += 32 - overflow.day
                month -= 1
            }
            if month < 0 { month += 12; year -= 1 }
            return .array([.int(year), .int(month), .int(day), .int(hour), .int(minute), .int(second)])
        },
    ]
}
