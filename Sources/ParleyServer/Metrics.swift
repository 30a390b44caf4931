import Foundation

/// Prometheus text exposition, written by hand: per-route request counters and latency histograms, and ingest counts.
/// Kept per application (no process-wide metrics system to bootstrap), so tests and several servers in one process
/// each see their own figures.
public final class ServerMetrics: @unchecked Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds.
    public static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct RouteKey: Hashable { var route: String; var method: String }
    struct CountKey: Hashable { var route: String; var method: String; var status: Int }
    struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private let lock = NSLock()
    private var requests: [CountKey: Int] = [:]
    private var latency: [RouteKey: Histogram] = [:]
    private var ingest: [String: Int] = [:]
    private let started = Date()

    public init() {}

    public func record(route: String, method: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests[CountKey(route: route, method: method, status: status), default: 0] += 1
        var h = latency[RouteKey(route: route, method: method)] ?? Histogram()
        for (i, bound) in Self.buckets.enumerated() where seconds <= bound { h.counts[i] += 1 }
        h.sum += seconds
        h.count += 1
        latency[RouteKey(route: route, method: method)] = h
    }

    /// Adds to an ingest counter: documents_stored, documents_duplicate, documents_rejected, events_coded, requests.
    public func ingested(_ what: String, _ n: Int) {
        guard n > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        ingest[what, default: 0] += n
    }

    public func ingestCount(_ what: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return ingest[what] ?? 0
    }

    /// The text format (version 0.0.4).
    public func exposition() -> String {
        lock.lock()
        let requests = self.requests, latency = self.latency, ingest = self.ingest
        lock.unlock()
        func label(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "\\": o += "\\\\"
                case "\"": o += "\\\""
                case "\n": o += "\\n"
                default: o.unicodeScalars.append(c)
                }
            }
            return o
        }
        func num(_ d: Double) -> String {
            if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return String(d)
        }
        var o = "# HELP parley_http_requests_total HTTP requests by route, method and status.\n# TYPE parley_http_requests_total counter\n"
        for (k, v) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            o += "parley_http_requests_total{route=\"\(label(k.route))\",method=\"\(label(k.method))\",status=\"\(k.status)\"} \(v)\n"
        }
        o += "# HELP parley_http_request_duration_seconds Time to produce a response, by route and method.\n# TYPE parley_http_request_duration_seconds histogram\n"
        for (k, h) in latency.sorted(by: { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }) {
            let l = "route=\"\(label(k.route))\",method=\"\(label(k.method))\""
            for (i, bound) in Self.buckets.enumerated() {
                o += "parley_http_request_duration_seconds_bucket{\(l),le=\"\(num(bound))\"} \(h.counts[i])\n"
            }
            o += "parley_http_request_duration_seconds_bucket{\(l),le=\"+Inf\"} \(h.count)\n"
            o += "parley_http_request_duration_seconds_sum{\(l)} \(h.sum)\n"
            o += "parley_http_request_duration_seconds_count{\(l)} \(h.count)\n"
        }
        o += "# HELP parley_ingest_requests_total Ingest requests accepted over HTTP.\n# TYPE parley_ingest_requests_total counter\n"
        o += "parley_ingest_requests_total \(ingest["requests"] ?? 0)\n"
        o += "# HELP parley_ingest_documents_total Documents posted, by outcome.\n# TYPE parley_ingest_documents_total counter\n"
        for outcome in ["stored", "duplicate", "rejected"] {
            o += "parley_ingest_documents_total{outcome=\"\(outcome)\"} \(ingest["documents_" + outcome] ?? 0)\n"
        }
        o += "# HELP parley_ingest_events_total Events coded from documents posted over HTTP.\n# TYPE parley_ingest_events_total counter\n"
        o += "parley_ingest_events_total \(ingest["events_coded"] ?? 0)\n"
        o += "# HELP parley_uptime_seconds Seconds since the server started.\n# TYPE parley_uptime_seconds gauge\n"
        o += "parley_uptime_seconds \(String(format: "%.3f", Date().timeIntervalSince(started)))\n"
        return o
    }
}
