import Foundation
import HTTPTypes
import Hummingbird
import ParleyAnalysis
import ParleyCoding
import ParleyModel
import ParleyStore

/// What the routes share: the store, the configuration, metrics and small caches of immutable facts.
struct ParleyService: Sendable {
    let store: any EventStore
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let documentInfo = DocumentInfoCache()
    let activity = ActivityCache()
    let briefings = BriefingCache()

    init(store: any EventStore, configuration: ServerConfiguration, metrics: ServerMetrics) {
        self.store = store
        self.configuration = configuration
        self.metrics = metrics
    }

    // MARK: Parameters

    /// A dyad "IRN-USA" → (IRN, USA).
    func dyad(_ s: String) throws -> (String, String) {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map { String($0).uppercased() }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) } }) else {
            throw APIError(.badRequest, "dyad: '\(s)' is not of the form A-B with actor codes (e.g. IRN-USA)")
        }
        return (parts[0], parts[1])
    }

    /// A time parameter; a bare date as an upper bound means the end of that day.
    func time(_ request: Request, _ name: String, upper: Bool = false) throws -> Date? {
        guard let v = request.uri.queryParameters.get(name), !v.isEmpty else { return nil }
        guard let d = Timestamp.parse(v) else {
            throw APIError(.badRequest, "\(name): '\(v)' is not an ISO 8601 time (e.g. 2025-11-12 or 2025-11-12T21:48:07Z)")
        }
        return upper && v.utf8.count == 10 ? d.addingTimeInterval(86_399.999) : d
    }

    func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let v = request.uri.queryParameters.get(name), !v.isEmpty else { return value }
        guard let n = Int(v), range.contains(n) else {
            throw APIError(.badRequest, "\(name): '\(v)' is not a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    func bool(_ request: Request, _ name: String) throws -> Bool {
        guard let v = request.uri.queryParameters.get(name) else { return false }
        switch v.lowercased() {
        case "", "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw APIError(.badRequest, "\(name): '\(v)' is not true or false")
        }
    }

    /// An actor code prefix parameter (letters and digits).
    func code(_ request: Request, _ name: String) throws -> String? {
        guard let v = request.uri.queryParameters.get(name), !v.isEmpty else { return nil }
        guard v.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else {
            throw APIError(.badRequest, "\(name): '\(v)' is not a code (letters and digits)")
        }
        return v.uppercased()
    }

    /// The event query of `/api/events` and the dashboard.
    func eventQuery(_ request: Request) throws -> EventQuery {
        var q = EventQuery()
        if let d = request.uri.queryParameters.get("dyad"), !d.isEmpty {
            let (a, b) = try dyad(d)
            q.dyadPair = .init(a: a, b: b)
        }
        q.directed = try bool(request, "directed")
        q.actor = try code(request, "actor")
        if let c = request.uri.queryParameters.get("code"), !c.isEmpty {
            guard c.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), c.utf8.count <= 4 else {
                throw APIError(.badRequest, "code: '\(c)' is not a CAMEO code prefix (digits, e.g. 12 or 125)")
            }
            q.code = c
        }
        q.since = try time(request, "since")
        q.until = try time(request, "until", upper: true)
        q.asOf = try time(request, "as_of", upper: true)
        q.knownAt = try time(request, "known_at", upper: true)
        return q
    }

    // MARK: Shared facts

    /// "Now" for pages and briefings without an as-of: the start of the current minute, so that repeated views
    /// within a minute share one briefing.
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// The briefing for a dyad, cached until the store's document or event count changes.
    func briefing(_ a: String, _ b: String, asOf: Date, knownAt: Date?) async throws -> Briefing {
        let version = [try await store.eventCount(EventQuery()), try await store.documentCount()]
        let key = "\(a)|\(b)|\(asOf.timeIntervalSince1970)|\(knownAt?.timeIntervalSince1970 ?? -1)"
        if let hit = briefings.get(key, version: version) { return hit }
        let made = try await BriefingBuilder(store: store).brief(a, b, asOf: asOf, knownAt: knownAt)
        briefings.put(key, made, version: version)
        return made
    }

    /// Outlet and scalar offsets of a document (immutable once stored, so cached).
    func info(_ id: String) async throws -> DocumentInfo? {
        if let i = documentInfo.get(id) { return i }
        guard let d = try await store.document(id: id) else { return nil }
        let i = DocumentInfo(outlet: d.outlet, title: d.title, offsets: ScalarOffsets(d.text))
        documentInfo.put(id, i)
        return i
    }

    /// An event as the API gives it: `parley events --format jsonl`'s object, with its id, the sentence's byte span
    /// and the link to its evidence.
    func eventObject(_ e: StoredEvent) async throws -> [String: Any] {
        let offsets = try await e.documentID.asyncMap { try await info($0)?.offsets } ?? nil
        var o = AnnotationJSON.storedEventObject(e, offsets: offsets)
        o["id"] = e.id.map { Int($0) } ?? NSNull()
        o["ingested"] = Timestamp.format(e.ingested)
        o["event_day"] = e.eventDay.map(Timestamp.day) ?? NSNull()
        if let id = e.documentID, let s = e.sentenceSpan {
            o["sentence_bytes"] = [s.start, s.end]
            o["evidence"] = "/documents/\(percentEncode(id))?s=\(s.start)-\(s.end)"
        } else {
            o["sentence_bytes"] = NSNull()
            o["evidence"] = NSNull()
        }
        return o
    }

    /// Per-actor and per-dyad counts over all events (as of a time), recomputed when the store's counts change.
    func activityFigures(asOf: Date?) async throws -> Activity {
        let version = [try await store.eventCount(EventQuery()), try await store.documentCount()]
        if let a = activity.get(asOf: asOf, version: version) { return a }
        var q = EventQuery()
        q.asOf = asOf
        let events = try await store.events(q)
        var actors: [String: ActorCount] = [:]
        var dyads: [String: DyadCount] = [:]
        for e in events {
            let s = e.event.source?.code, t = e.event.target?.code
            if let s { actors[s, default: ActorCount(code: s)].asSource += 1 }
            if let t { actors[t, default: ActorCount(code: t)].asTarget += 1 }
            // A dyad's figures count what happened or was said: a negated event is not counted (as in the series).
            guard let s, let t, !e.event.negated else { continue }
            let cs = String(s.prefix(3)), ct = String(t.prefix(3))
            guard cs != ct else { continue }
            let key = cs < ct ? "\(cs)-\(ct)" : "\(ct)-\(cs)"
            var d = dyads[key] ?? DyadCount(a: min(cs, ct), b: max(cs, ct))
            d.events += 1
            d.goldsteinSum += e.event.goldstein
            if (1...4).contains(e.event.quad) { d.quad[e.event.quad] += 1 }
            if let day = e.eventDay, day > (d.last ?? .distantPast) { d.last = day }
            dyads[key] = d
        }
        let a = Activity(actors: actors.values.sorted { ($0.total, $1.code) > ($1.total, $0.code) },
                         dyads: dyads.values.sorted { ($0.events, $1.a + $1.b) > ($1.events, $0.a + $0.b) },
                         events: events.count)
        activity.put(a, asOf: asOf, version: version)
        return a
    }
}

struct DocumentInfo: Sendable {
    var outlet: String?
    var title: String?
    var offsets: ScalarOffsets
}

struct ActorCount: Sendable {
    var code: String
    var asSource = 0
    var asTarget = 0
    var total: Int { asSource + asTarget }
    init(code: String) { self.code = code }
}

struct DyadCount: Sendable {
    var a: String
    var b: String
    var events = 0
    var goldsteinSum = 0.0
    var quad = [0, 0, 0, 0, 0]
    var last: Date?
    var goldsteinMean: Double { events == 0 ? 0 : goldsteinSum / Double(events) }
}

struct Activity: Sendable {
    var actors: [ActorCount]
    var dyads: [DyadCount]
    var events: Int
}

/// A bounded cache of per-document facts.
final class DocumentInfoCache: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String: DocumentInfo] = [:]
    private let capacity = 4096

    func get(_ id: String) -> DocumentInfo? {
        lock.lock()
        defer { lock.unlock() }
        return items[id]
    }

    func put(_ id: String, _ info: DocumentInfo) {
        lock.lock()
        defer { lock.unlock() }
        if items.count >= capacity { items.removeAll(keepingCapacity: true) }
        items[id] = info
    }
}

/// Briefings already built, for the store's current counts.
final class BriefingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version: [Int] = []
    private var items: [String: Briefing] = [:]

    func get(_ key: String, version: [Int]) -> Briefing? {
        lock.lock()
        defer { lock.unlock() }
        return version == self.version ? items[key] : nil
    }

    func put(_ key: String, _ b: Briefing, version: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        if version != self.version || items.count >= 64 {
            items.removeAll(keepingCapacity: true)
            self.version = version
        }
        items[key] = b
    }

    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        items.removeAll()
        version = []
    }
}

/// The last few activity computations, keyed by as-of and the store's counts.
final class ActivityCache: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(asOf: Date?, version: [Int], value: Activity)] = []

    func get(asOf: Date?, version: [Int]) -> Activity? {
        lock.lock()
        defer { lock.unlock() }
        return items.first { $0.asOf == asOf && $0.version == version }?.value
    }

    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        items.removeAll()
    }

    func put(_ a: Activity, asOf: Date?, version: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        items.removeAll { $0.asOf == asOf || $0.version != version }
        items.append((asOf, version, a))
        if items.count > 16 { items.removeFirst() }
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): return try await f(w)
        case .none: return nil
        }
    }
}

/// Percent-encodes a path segment or query value (unreserved characters kept).
func percentEncode(_ s: String) -> String {
    var o = ""
    for b in s.utf8 {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: o.unicodeScalars.append(Unicode.Scalar(b))
        default: o += String(format: "%%%02X", b)
        }
    }
    return o
}
