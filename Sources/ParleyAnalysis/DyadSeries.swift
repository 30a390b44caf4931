import Foundation
import ParleyModel

/// Time buckets for series.
public enum Granularity: String, Sendable, Codable, CaseIterable {
    case day, week, month

    /// The first instant of the bucket holding `date` (UTC; weeks start on Monday).
    public func bucket(_ date: Date) -> Date {
        let cal = Timestamp.utcCalendar
        switch self {
        case .day: return cal.startOfDay(for: date)
        case .month: return cal.date(from: cal.dateComponents([.year, .month], from: date))!
        case .week:
            var iso = Calendar(identifier: .iso8601)
            iso.timeZone = TimeZone(identifier: "UTC")!
            return iso.date(from: iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date))!
        }
    }

    public func label(_ bucket: Date) -> String {
        let day = Timestamp.day(bucket)
        switch self {
        case .day, .week: return day
        case .month: return String(day.prefix(7))
        }
    }
}

/// One happening reported by one or more articles: events with the same dyad (by country), code and day merged,
/// with how many times, by how many outlets and in how many articles it was reported (corroboration).
public struct MergedEvent: Sendable, Hashable {
    public var representative: StoredEvent
    public var members: [StoredEvent]
    public var mentions: Int
    public var sources: Int
    public var articles: Int

    public var event: Event { representative.event }
    public var day: Date? { representative.eventDay }
}

/// What reports of the same happening share (see `groupReports`).
private struct ReportKey: Hashable {
    var s: Substring
    var t: Substring
    var code: String
    var negated: Bool
}

/// Groups reports of the same happening: same source and target actor (country part), same CAMEO code and polarity,
/// event days within `window` days of the group's first report. Returns the groups as indexes into `items`, each in
/// (day, id) order, the groups in the order they were opened. `fields` reads an item's source code, target code,
/// CAMEO code, negation, day and id.
func groupReports<T>(_ items: [T], window: Int,
                     fields: (T) -> (source: String?, target: String?, cameo: String, negated: Bool, day: Date?, id: Int64?)) -> [[Int]] {
    let f = items.map(fields)
    let order = f.indices.sorted { (f[$0].day ?? .distantPast, f[$0].id ?? 0) < (f[$1].day ?? .distantPast, f[$1].id ?? 0) }
    var groups: [[Int]] = []       // in the order they were opened
    var opened: [Date] = []        // each group's first day
    var latest: [ReportKey: Int] = [:]   // each key's most recent group
    for i in order {
        let key = ReportKey(s: (f[i].source ?? "").prefix(3), t: (f[i].target ?? "").prefix(3), code: f[i].cameo, negated: f[i].negated)
        let day = f[i].day ?? .distantPast
        if let g = latest[key], abs(day.timeIntervalSince(opened[g])) <= Double(window) * 86_400 {
            groups[g].append(i)
        } else {
            latest[key] = groups.count
            groups.append([i])
            opened.append(day)
        }
    }
    return groups
}

/// Merges events that report the same happening (see `groupReports`). `outlets` maps document ids to outlets.
public func mergeEvents(_ events: [StoredEvent], outlets: [String: String], window: Int = 1) -> [MergedEvent] {
    let groups = groupReports(events, window: window) { e in
        (e.event.source?.code, e.event.target?.code, e.event.cameo, e.event.negated, e.eventDay, e.id)
    }
    return groups.map { indexes in
        let members = indexes.map { events[$0] }
        let docs = Set(members.compactMap { $0.documentID })
        let outletSet = Set(members.map { $0.documentID.flatMap { outlets[$0] } ?? $0.sourceURL.flatMap { URL(string: $0)?.host } ?? "unknown" })
        let imported = members.filter { $0.origin != .coded }
        return MergedEvent(representative: members[0], members: members,
                           mentions: members.reduce(0) { $0 + max(1, $1.mentions) },
                           sources: max(outletSet.count, imported.map(\.sources).max() ?? 0),
                           articles: max(docs.count + imported.count, imported.map(\.articles).max() ?? 0))
    }
}

/// Figures for a set of events.
public struct EventFigures: Sendable, Hashable, Codable {
    public var events = 0
    public var mentions = 0
    /// Counts by QuadClass 1…4 (index 0 unused).
    public var quad = [0, 0, 0, 0, 0]
    public var goldsteinSum = 0.0

    public init() {}

    public var goldsteinMean: Double { events == 0 ? 0 : goldsteinSum / Double(events) }
    public var verbal: Int { quad[1] + quad[3] }
    public var material: Int { quad[2] + quad[4] }
    public var cooperation: Int { quad[1] + quad[2] }
    public var conflict: Int { quad[3] + quad[4] }
    public var verbalShare: Double { events == 0 ? 0 : Double(verbal) / Double(events) }
    public var conflictShare: Double { events == 0 ? 0 : Double(conflict) / Double(events) }

    /// Counts a happening, unless it is negated: "did not attack" reports what did not happen, and would count
    /// as an attack by its QuadClass (the store's daily tables skip negated events alike).
    public mutating func add(_ m: MergedEvent) {
        guard !m.event.negated else { return }
        add(quad: m.event.quad, goldstein: m.event.goldstein, mentions: m.mentions)
    }

    /// Counts one happening (merged reports) of this QuadClass and Goldstein score, reported `mentions` times.
    mutating func add(quad q: Int, goldstein: Double, mentions m: Int) {
        events += 1
        mentions += m
        if (1...4).contains(q) { quad[q] += 1 }
        goldsteinSum += goldstein
    }

    public static func of(_ merged: [MergedEvent]) -> EventFigures {
        var f = EventFigures()
        for m in merged { f.add(m) }
        return f
    }
}

/// One bucket of a dyad series.
public struct SeriesPoint: Sendable, Hashable, Codable {
    public var period: String
    public var start: Date
    public var all: EventFigures
    public var aToB: EventFigures
    public var bToA: EventFigures
}

/// The series of a dyad A–B: per bucket, figures for A→B, B→A and both.
public struct DyadSeries: Sendable {
    public var a: String
    public var b: String
    public var granularity: Granularity
    public var points: [SeriesPoint]

    /// The series of events given by their digests, reports of the same happening merged as `mergeEvents` merges
    /// them: each happening counts once, with its first report's code, QuadClass and Goldstein score and the
    /// mentions of all its reports; negated happenings are not counted.
    public init(a: String, b: String, granularity: Granularity, digests: [EventDigest], window: Int = 1) {
        self.a = a
        self.b = b
        self.granularity = granularity
        var byBucket: [Date: SeriesPoint] = [:]
        let groups = groupReports(digests, window: window) { d in (d.sourceCode, d.targetCode, d.cameo, d.negated, d.eventDay, d.id) }
        for g in groups {
            let first = digests[g[0]]
            guard let day = first.eventDay, !first.negated else { continue }
            let mentions = g.reduce(0) { $0 + max(1, digests[$1].mentions) }
            let start = granularity.bucket(day)
            var p = byBucket[start] ?? SeriesPoint(period: granularity.label(start), start: start, all: .init(), aToB: .init(), bToA: .init())
            p.all.add(quad: first.quad, goldstein: first.goldstein, mentions: mentions)
            if first.sourceCode?.hasPrefix(a) == true {
                p.aToB.add(quad: first.quad, goldstein: first.goldstein, mentions: mentions)
            } else if first.sourceCode?.hasPrefix(b) == true {
                p.bToA.add(quad: first.quad, goldstein: first.goldstein, mentions: mentions)
            }
            byBucket[start] = p
        }
        points = byBucket.values.sorted { $0.start < $1.start }
    }
}
