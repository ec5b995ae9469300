import Foundation
public import Prometheus
import Synchronization

/// The service's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can run several
/// servers in one process).
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry = PrometheusCollectorRegistry()
    /// The collectors already made, by label values: the registry builds names and takes its lock on every
    /// lookup, which showed in every request's cost. Label values are bounded (route patterns, methods,
    /// statuses, TEEs, outcomes), and so is this cache.
    private let requestCollectors = Mutex<[RequestLabels: (Counter, DurationHistogram)]>([:])
    private let verificationCounters = Mutex<[[String]: Counter]>([:])

    struct RequestLabels: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    public init() {}

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

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000),
    ]

    /// Counts a finished HTTP request and records its latency.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let labels = RequestLabels(method: method, route: route, status: status)
        let (counter, histogram) = requestCollectors.withLock { cache in
            if let made = cache[labels] { return made }
            let made = (
                registry.makeCounter(
                    descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]),
                registry.makeDurationHistogram(
                    descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets)
            )
            cache[labels] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Counts a verification by TEE and outcome (`affirming`, `warning`, `contraindicated`, `none`, `rejected`,
    /// `malformed`).
    func recordVerification(tee: String, outcome: String) {
        verificationCounters.withLock { cache in
            if let counter = cache[[tee, outcome]] { return counter }
            let counter = registry.makeCounter(descriptor: Self.verifications, labels: [("tee", tee), ("outcome", outcome)])
            cache[[tee, outcome]] = counter
            return counter
        }.increment()
    }

    /// Counts a secret release request by outcome (`released`, or the problem type of a refusal).
    func recordRelease(outcome: String) {
        registry.makeCounter(descriptor: Self.releases, labels: [("outcome", outcome)]).increment()
    }

    /// The exposition text.
    func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
