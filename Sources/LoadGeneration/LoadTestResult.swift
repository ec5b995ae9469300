/// What one load-generator connection measured: the latency of each completed round trip, and its errors.
public struct LoadTestResult: Sendable {
    /// Seconds per completed challenge + attest round trip.
    public var latencies: [Double] = []
    /// Round trips that failed.
    public var errors = 0
    /// The first failure's cause, to report.
    public var firstError: String?

    mutating func note(error: String) {
        errors += 1
        if firstError == nil { firstError = error }
    }
}
