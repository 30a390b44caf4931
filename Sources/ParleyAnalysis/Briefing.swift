import Foundation

/// Where A and B stand as of a moment, and why: every item carries the numbers of the citations behind it.
public struct Briefing: Sendable, Codable {
    public var a: String
    public var b: String
    public var aName: String
    public var bName: String
    public var asOf: String
    public var knownAt: String?
    public var documents: Int
    public var events: Int
    public var importedEvents: Int
    public var state: State
    public var statements: [Statement]
    public var conditions: [Condition]
    public var claims: [Claim]
    public var timeline: [TimelineItem]
    public var obstacles: [Obstacle]
    public var rhetoric: [Rhetoric]
    public var thirdParties: [ThirdParty]
    public var prospects: Prospects
    public var notes: [String]
    public var sources: [Citation]

    public struct State: Sendable, Codable {
        /// stalemate, escalation, de-escalation, cooperation, crisis, quiet or mixed.
        public var regime: String
        public var summary: String
        public var recent: EventFigures
        public var baseline: EventFigures
        public var recentWindow: String
        public var baselineWindow: String
        public var reasons: [String]
        public var cites: [Int]
    }

    public struct Statement: Sendable, Codable {
        public var speaker: String
        public var actor: String?
        public var office: String?
        public var date: String?
        public var outlet: String?
        public var reportedBy: String?
        public var quote: String
        public var direct: Bool
        public var stance: String
        public var about: String
        public var cites: [Int]
    }

    public struct Condition: Sendable, Codable {
        public var text: String
        public var setBy: String?
        public var actor: String?
        public var date: String?
        public var status: String
        public var cites: [Int]
    }

    public struct Claim: Sendable, Codable {
        public var value: Double
        public var text: String
        public var unit: String
        public var measures: String
        public var assertedBy: String?
        public var date: String?
        public var repeatedBy: Int
        public var contradictedBy: Int
        public var cites: [Int]
    }

    public struct TimelineItem: Sendable, Codable {
        public var date: String
        public var what: String
        public var cites: [Int]
    }

    public struct Obstacle: Sendable, Codable {
        public var topic: String
        /// The words that signalled it, most frequent first ("yemen", "syria").
        public var details: [String]
        public var weight: Int
        public var byYear: [String: Int]
        public var cites: [Int]
    }

    public struct Rhetoric: Sendable, Codable {
        public var side: String
        public var verbalConflict: Int
        public var materialConflict: Int
        public var verbalCooperation: Int
        public var materialCooperation: Int
        public var goldsteinMean: Double
        public var reading: String
        public var cites: [Int]
    }

    public struct ThirdParty: Sendable, Codable {
        public var actor: String
        public var name: String
        public var events: Int
        public var towardA: Int
        public var towardB: Int
        public var goldsteinMean: Double
        public var mentions: Int
        public var how: String
        public var cites: [Int]
    }

    public struct Prospects: Sendable, Codable {
        public var value: Double
        public var label: String
        public var trend: String
        public var previous: Double
        public var formula: String
        public var movers: [Mover]
    }

    public struct Mover: Sendable, Codable {
        public var what: String
        public var weight: Double
        public var cites: [Int]
    }
}

extension Briefing {
    /// The briefing with only the sources some item cites, renumbered in their order (so numbers stay in first-use
    /// order and an unchanged briefing keeps its numbers). Building a briefing cites as it goes, also for candidates
    /// later cut (timeline entries beyond the limit, prospects movers beyond the ten shown, claims beyond the limit);
    /// their sentences must not be listed as sources of a briefing that does not use them.
    public func keepingCitedSources() -> Briefing {
        var used = Set<Int>()
        func note(_ cites: [Int]) { used.formUnion(cites) }
        note(state.cites)
        statements.forEach { note($0.cites) }
        conditions.forEach { note($0.cites) }
        claims.forEach { note($0.cites) }
        timeline.forEach { note($0.cites) }
        obstacles.forEach { note($0.cites) }
        rhetoric.forEach { note($0.cites) }
        thirdParties.forEach { note($0.cites) }
        prospects.movers.forEach { note($0.cites) }
        let kept = used.filter { $0 >= 1 && $0 <= sources.count }.sorted()
        if kept.count == sources.count { return self }
        var number: [Int: Int] = [:]
        for (i, n) in kept.enumerated() { number[n] = i + 1 }
        func map(_ cites: [Int]) -> [Int] { cites.compactMap { number[$0] } }
        var b = self
        b.state.cites = map(state.cites)
        for i in b.statements.indices { b.statements[i].cites = map(b.statements[i].cites) }
        for i in b.conditions.indices { b.conditions[i].cites = map(b.conditions[i].cites) }
        for i in b.claims.indices { b.claims[i].cites = map(b.claims[i].cites) }
        for i in b.timeline.indices { b.timeline[i].cites = map(b.timeline[i].cites) }
        for i in b.obstacles.indices { b.obstacles[i].cites = map(b.obstacles[i].cites) }
        for i in b.rhetoric.indices { b.rhetoric[i].cites = map(b.rhetoric[i].cites) }
        for i in b.thirdParties.indices { b.thirdParties[i].cites = map(b.thirdParties[i].cites) }
        for i in b.prospects.movers.indices { b.prospects.movers[i].cites = map(b.prospects.movers[i].cites) }
        b.sources = kept.map { sources[$0 - 1] }
        return b
    }
}
