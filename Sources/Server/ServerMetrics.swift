import Foundation
public import Prometheus
import Synchronization

/// The service's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can run several
/// servers in one process).
///
/// Every label value comes from a fixed set, never from a request as sent: HTTP methods outside the standard ones
/// are `other`, routes are route patterns (`unmatched` otherwise), TEEs are the enabled ones (`other` otherwise),
/// outcomes and problem names are the service's own. So no request can add series, and `/metrics` stays small.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry = PrometheusCollectorRegistry()
    /// The collectors already made, by label values: the registry builds names and takes its lock on every
    /// lookup, which showed in every request's cost.
    private let requestCollectors = Mutex<[RequestLabels: (Counter, DurationHistogram)]>([:])
    private let counters = Mutex<[[String]: Counter]>([:])
    /// The TEE label values: the enabled TEEs.
    let tees: Set<String>

    /// HTTP methods counted by name.
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    struct RequestLabels: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    public init(tees: Set<String> = []) {
        self.tees = tees
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", subsystem: "http", metricName: "requests", unitName: "total",
        helpText: "HTTP requests by method, route and status") }
    static var latency: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "HTTP request latency by method and route") }
    static var verifications: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", metricName: "verifications", unitName: "total",
        helpText: "Evidence verifications by TEE and outcome") }
    static var releases: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", metricName: "secret_releases", unitName: "total",
        helpText: "Secret release requests by outcome") }
    static var integrityFailures: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", metricName: "integrity_failures", unitName: "total",
        helpText: "Stored rows ignored because their integrity tag does not match, by table") }
    static var refusals: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "assay", metricName: "refused_requests", unitName: "total",
        helpText: "Requests refused before admission or completion, by reason (overloaded, deadline-exceeded)") }

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000),
    ]

    /// Counts a finished HTTP request and records its latency.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let labels = RequestLabels(method: Self.methods.contains(method) ? method : "other", route: route, status: status)
        let (counter, histogram) = requestCollectors.withLock { cache in
            if let made = cache[labels] { return made }
            let made = (
                registry.makeCounter(
                    descriptor: Self.requests,
                    labels: [("method", labels.method), ("route", route), ("status", String(status))]),
                registry.makeDurationHistogram(
                    descriptor: Self.latency, labels: [("method", labels.method), ("route", route)], buckets: Self.latencyBuckets)
            )
            cache[labels] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Counts a verification by TEE (`other` when not enabled) and outcome (`affirming`, `warning`,
    /// `contraindicated`, `none`, `rejected`, `malformed`, `policy-error`, `unsupported`, `deadline-exceeded`).
    func recordVerification(tee: String, outcome: VerificationOutcome) {
        count(Self.verifications, [("tee", tees.contains(tee) ? tee : "other"), ("outcome", outcome.rawValue)])
    }

    /// Counts a secret release request by outcome (`released`, or the problem type of a refusal).
    func recordRelease(outcome: String) {
        count(Self.releases, [("outcome", outcome)])
    }

    /// Counts a stored row ignored because its integrity tag failed.
    public func recordIntegrityFailure(table: String) {
        count(Self.integrityFailures, [("table", table)])
    }

    /// Counts a request refused by admission control or its deadline.
    func recordRefusal(_ type: ProblemType) {
        count(Self.refusals, [("reason", type.name)])
    }

    private func count(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)]) {
        let key = [descriptor.metricName] + labels.flatMap { [$0.0, $0.1] }
        counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = registry.makeCounter(descriptor: descriptor, labels: labels)
            cache[key] = counter
            return counter
        }.increment()
    }

    /// The exposition text.
    func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}

/// How a verification ended, as counted.
enum VerificationOutcome: String, Sendable {
    case affirming, warning, contraindicated, none, rejected, malformed, unsupported
    case policyError = "policy-error"
    case deadlineExceeded = "deadline-exceeded"
}
