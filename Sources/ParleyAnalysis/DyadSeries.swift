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

/// Merges events that report the same happening: same source and target actor (country part), same CAMEO code,
/// event days within `window` days of the group's first event. `outlets` maps document ids to outlets.
public func mergeEvents(_ events: [StoredEvent], outlets: [String: String], window: Int = 1) -> [MergedEvent] {
    struct Key: Hashable { var s: String; var t: String; var code: String; var negated: Bool }
    var groups: [[StoredEvent]] = []  // in the order they were opened
    var latest: [Key: Int] = [:]       // each key's most recent group
    let sorted = events.sorted { ($0.eventDay ?? .distantPast, $0.id ?? 0) < ($1.eventDay ?? .distantPast, $1.id ?? 0) }
    for e in sorted {
        let key = Key(s: String((e.event.source?.code ?? "").prefix(3)), t: String((e.event.target?.code ?? "").prefix(3)),
                      code: e.event.cameo, negated: e.event.negated)
        let day = e.eventDay ?? .distantPast
        if let g = latest[key], abs(day.timeIntervalSince(groups[g][0].eventDay ?? .distantPast)) <= Double(window) * 86_400 {
            groups[g].append(e)
        } else {
            latest[key] = groups.count
            groups.append([e])
        }
    }
    return groups.map { members in
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

    public mutating func add(_ m: MergedEvent) {
        events += 1
        mentions += m.mentions
        if (1...4).contains(m.event.quad) { quad[m.event.quad] += 1 }
        goldsteinSum += m.event.goldstein
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

    public init(a: String, b: String, granularity: Granularity, events: [MergedEvent]) {
        self.a = a
        self.b = b
        self.granularity = granularity
        var byBucket: [Date: SeriesPoint] = [:]
        for m in events {
            guard let day = m.day else { continue }
            let start = granularity.bucket(day)
            var p = byBucket[start] ?? SeriesPoint(period: granularity.label(start), start: start, all: .init(), aToB: .init(), bToA: .init())
            p.all.add(m)
            if m.event.source?.code.hasPrefix(a) == true { p.aToB.add(m) } else if m.event.source?.code.hasPrefix(b) == true { p.bToA.add(m) }
            byBucket[start] = p
        }
        points = byBucket.values.sorted { $0.start < $1.start }
    }
}
