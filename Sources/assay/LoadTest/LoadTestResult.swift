/// What one load-generator connection measured: the latency of each completed round trip, and its errors.
struct LoadTestResult: Sendable {
    /// Seconds per completed challenge + attest round trip.
    var latencies: [Double] = []
    /// Round trips that failed.
    var errors = 0
    /// The first failure's cause, to report.
    var firstError: String?

    mutating func note(error: String) {
        errors += 1
        if firstError == nil { firstError = error }
    }
}
