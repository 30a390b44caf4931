import Foundation
import ParleyModel

/// What became of a document handed to the store.
public enum InsertOutcome: Hashable, Sendable {
    /// Stored under this id.
    case stored(id: String)
    /// The same text is already stored, under this id.
    case duplicate(of: String)
}

/// Filters for listing documents. Times are publication times unless stated.
public struct DocumentQuery: Sendable {
    public var since: Date?
    public var until: Date?
    public var outlet: String?
    /// Only documents Parley had learned of by then (ingestion time).
    public var knownAt: Date?
    public var limit: Int?

    public init(since: Date? = nil, until: Date? = nil, outlet: String? = nil, knownAt: Date? = nil, limit: Int? = nil) {
        self.since = since
        self.until = until
        self.outlet = outlet
        self.knownAt = knownAt
        self.limit = limit
    }
}

/// Parley's store. SQLite is the embedded backend; a PostgreSQL backend implements the same contract.
public protocol EventStore: Sendable {
    /// Stores documents in one transaction: all of them or, on failure, none.
    /// Texts already stored (same content hash) are reported as duplicates and left alone.
    func insert(_ documents: [StoredDocument]) async throws -> [InsertOutcome]
    /// Stores documents with what was coded from them, each document and its coding in the same transaction.
    /// A coding's document id is rewritten to the id the document is stored under.
    func insert(_ batch: [(StoredDocument, DocumentCoding?)]) async throws -> [InsertOutcome]
    /// Which of these content hashes are already stored.
    func existingHashes(_ hashes: [String]) async throws -> Set<String>
    func document(id: String) async throws -> StoredDocument?
    func documents(_ query: DocumentQuery) async throws -> [StoredDocument]
    func documentCount() async throws -> Int

    /// Adds events (imports) in one transaction.
    func insertEvents(_ events: [StoredEvent]) async throws
    /// Adds imported events in one transaction, skipping those whose (origin, externalID) is already stored
    /// (or repeated earlier in the same call); events without an externalID are always added.
    func importEvents(_ events: [StoredEvent]) async throws -> ImportCounts
    /// Before a large import (many rows relative to the store): a backend may suspend costly per-row upkeep
    /// (secondary indexes, aggregates) and rebuild it in `endBulkImport`. Queries stay correct in between, only slower.
    func beginBulkImport() async throws
    func endBulkImport() async throws
    /// Replaces the coded events of one document (recoding) in one transaction.
    func replaceEvents(documentID: String, with events: [StoredEvent]) async throws
    /// Events matching a query, ordered by event day.
    func events(_ query: EventQuery) async throws -> [StoredEvent]
    /// The digests of `events(query)`, in the same order (what a series reads).
    func eventDigests(_ query: EventQuery) async throws -> [EventDigest]
    func eventCount(_ query: EventQuery) async throws -> Int

    /// Replaces everything coded from one document (events, quotes, actor mentions, learned offices) in one transaction.
    func replaceCoding(_ coding: DocumentCoding) async throws
    func quotes(documentID: String?, speakerActor: String?, asOf: Date?) async throws -> [StoredQuote]
    func mentions(documentID: String) async throws -> [ActorMention]
    /// Offices learned from stored documents (those ingested by `knownAt`, when given).
    func offices(knownAt: Date?) async throws -> [OfficeFact]
    func documentIDs() async throws -> [String]
    /// Documents that mention both actors (code prefixes), published by `asOf` and known by `knownAt`.
    func documents(mentioning a: String, and b: String, asOf: Date?, knownAt: Date?) async throws -> [StoredDocument]
    /// The events of one side (a code prefix) with each counterpart, counted by the counterpart's full code: events
    /// where one actor has the prefix `side` and the other — the counterpart — has neither `side` nor `excluding` as
    /// its prefix (both actors present), not negated, filtered by `asOf` and `knownAt` as `events` filters them.
    /// Sorted by code.
    func counterparts(of side: String, excluding: String, asOf: Date?, knownAt: Date?) async throws -> [CounterpartFigures]
}

extension EventStore {
    public func beginBulkImport() async throws {}
    public func endBulkImport() async throws {}
}

/// One side's events with one counterpart code, counted (the third parties of a briefing).
public struct CounterpartFigures: Sendable, Hashable {
    public var code: String
    public var events = 0
    public var goldsteinSum = 0.0
    /// Events per QuadClass, at indexes 1–4.
    public var quad = [0, 0, 0, 0, 0]

    public init(code: String, events: Int = 0, goldsteinSum: Double = 0, quad: [Int] = [0, 0, 0, 0, 0]) {
        self.code = code
        self.events = events
        self.goldsteinSum = goldsteinSum
        self.quad = quad
    }

    /// Counts a side's events (events with an actor of prefix `side`) by counterpart: the definition of
    /// `EventStore.counterparts`, which backends compute in their query (the contract suite compares them).
    public static func count(_ events: [StoredEvent], side: String, excluding: String) -> [CounterpartFigures] {
        var byCode: [String: CounterpartFigures] = [:]
        for e in events {
            guard let s = e.event.source?.code, let t = e.event.target?.code, !s.isEmpty, !t.isEmpty,
                  s.hasPrefix(side) || t.hasPrefix(side), !e.event.negated else { continue }
            let other = s.hasPrefix(side) ? t : s
            if other.hasPrefix(side) || s.hasPrefix(excluding) || t.hasPrefix(excluding) { continue }
            byCode[other, default: CounterpartFigures(code: other)].add(e.event)
        }
        return byCode.values.sorted { $0.code < $1.code }
    }

    mutating func add(_ e: Event) {
        events += 1
        goldsteinSum += e.goldstein
        if (1...4).contains(e.quad) { quad[e.quad] += 1 }
    }
}

/// What became of a batch of imported events.
public struct ImportCounts: Hashable, Sendable, Codable {
    public var stored: Int
    public var duplicates: Int
    public init(stored: Int = 0, duplicates: Int = 0) {
        self.stored = stored
        self.duplicates = duplicates
    }
}
