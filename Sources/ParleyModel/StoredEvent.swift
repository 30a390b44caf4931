import Foundation

/// Where a stored event came from.
public enum EventOrigin: String, Hashable, Sendable, Codable {
    /// Coded by Parley from a stored document's sentence.
    case coded
    /// Imported from a GDELT event file (no text provenance; the source URL is kept).
    case gdelt
}

/// An event as the store keeps it: the coded event with its provenance and the times that matter for "as of".
public struct StoredEvent: Hashable, Sendable {
    public var id: Int64?
    public var event: Event
    public var origin: EventOrigin
    /// The document it was coded from (nil for imported events).
    public var documentID: String?
    /// The sentence's byte span in the document's text, and its text.
    public var sentenceSpan: Span?
    public var sentenceText: String?
    /// The document's publication time (for imports, the date the event was added).
    public var published: Date?
    /// When Parley learned of it.
    public var ingested: Date
    /// Start of the event's date (its day, month or year), for series and ranges.
    public var eventDay: Date?
    public var sourceURL: String?
    /// An identifier from the origin (GDELT's GLOBALEVENTID).
    public var externalID: String?
    public var mentions: Int
    public var sources: Int
    public var articles: Int
    public var tone: Double?

    public init(id: Int64? = nil, event: Event, origin: EventOrigin, documentID: String? = nil, sentenceSpan: Span? = nil,
                sentenceText: String? = nil, published: Date?, ingested: Date, eventDay: Date?, sourceURL: String? = nil,
                externalID: String? = nil, mentions: Int = 1, sources: Int = 1, articles: Int = 1, tone: Double? = nil) {
        self.id = id
        self.event = event
        self.origin = origin
        self.documentID = documentID
        self.sentenceSpan = sentenceSpan
        self.sentenceText = sentenceText
        self.published = published
        self.ingested = ingested
        self.eventDay = eventDay
        self.sourceURL = sourceURL
        self.externalID = externalID
        self.mentions = mentions
        self.sources = sources
        self.articles = articles
        self.tone = tone
    }
}

/// Filters for events. Actor filters match code prefixes: "IRN" matches IRN, IRNGOV, IRNMIL.
public struct EventQuery: Sendable, Hashable {
    /// A pair of actor code prefixes.
    public struct Pair: Sendable, Hashable {
        public var a: String
        public var b: String
        public init(a: String, b: String) {
            self.a = a
            self.b = b
        }
    }
    /// A dyad: events between the two (either direction unless `directed`).
    public var dyadPair: Pair?
    public var directed = false
    /// Events with this actor as source or target.
    public var actor: String?
    /// CAMEO code prefix ("12", "125").
    public var code: String?
    /// Event date bounds.
    public var since: Date?
    public var until: Date?
    /// Only events from documents published at or before this time.
    public var asOf: Date?
    /// Only events Parley had learned of by then.
    public var knownAt: Date?
    public var documentID: String?
    public var origin: EventOrigin?
    public var limit: Int?
    public var offset: Int?
    /// Only events after this one in the listing order (event day, unknown days first, then id): keyset paging,
    /// which unlike `offset` does not re-read the rows of earlier pages.
    public var after: Position?

    /// An event's place in the listing order.
    public struct Position: Sendable, Hashable {
        public var day: Date?
        public var id: Int64
        public init(day: Date?, id: Int64) {
            self.day = day
            self.id = id
        }
        /// The position of a stored event (nil for an event not read from a store).
        public init?(_ e: StoredEvent) {
            guard let id = e.id else { return nil }
            self.init(day: e.eventDay, id: id)
        }
    }

    public init() {}

    /// Events between two actors (code prefixes), in either direction unless `directed`.
    public init(dyad a: String, _ b: String, directed: Bool = false) {
        dyadPair = Pair(a: a, b: b)
        self.directed = directed
    }
}
