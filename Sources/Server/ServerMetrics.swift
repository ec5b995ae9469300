import Foundation
public import Prometheus

/// The service's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can run several
/// servers in one process).
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry = PrometheusCollectorRegistry()

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
        registry.makeCounter(
            descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Counts a verification by TEE and outcome (`affirming`, `warning`, `contraindicated`, `none`, `rejected`,
    /// `malformed`).
    func recordVerification(tee: String, outcome: String) {
        registry.makeCounter(descriptor: Self.verifications, labels: [("tee", tee), ("outcome", outcome)]).increment()
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
