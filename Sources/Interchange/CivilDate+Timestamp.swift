extension CivilDate {
    /// `YYYY-MM-DDThh:mm:ssZ` for a count of whole seconds since the Unix epoch (UTC): the one timestamp formatter
    /// of the verifier (RFC 3339) and the Rego engine (Go's `time.RFC3339` for whole seconds).
    public static func utcTimestamp(secondsSinceEpoch seconds: Int) -> String {
        let days = seconds.flooredDivision(by: 86400)
        let secondsOfDay = seconds - days * 86400
        let civil = CivilDate(daysSinceEpoch: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay % 3600 / 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
    }
}
