import Foundation
import ParleyModel

/// Imported events (the shape of a GDELT row: actors, CAMEO code, day, counts, location, URL), stored column-wise over
/// one byte arena. A loader appends rows without allocating a String or an object per field, and the SQLite backend
/// binds the bytes where they lie. Any backend can read it back as `StoredEvent`s (`storedEvent(at:)`).
public struct ImportBatch: Sendable {
    /// A text field: `count` bytes of the arena from `start`; `count < 0` is NULL.
    public struct Text: Hashable, Sendable {
        public var start: Int32
        public var count: Int32
        public static let null = Text(start: 0, count: -1)
        public var isNull: Bool { count < 0 }
    }

    public struct Row: Sendable {
        public var externalID: Text = .null
        public var sourceCode: Text = .null
        /// The actor's name as given ("" when the code is given without one).
        public var sourceText: Text = .null
        public var targetCode: Text = .null
        public var targetText: Text = .null
        /// 2 to 4 digits; the root is its first two.
        public var cameo: Text = .null
        public var quad = 0
        public var goldstein = 0.0
        /// "YYYY-MM-DD".
        public var date: Text = .null
        /// Unix seconds.
        public var eventDay: Double?
        public var published: Double?
        /// The location's name and country (ignored without a name).
        public var locationText: Text = .null
        public var locationCountry: Text = .null
        public var sourceURL: Text = .null
        public var mentions = 1
        public var sources = 1
        public var articles = 1
        public var tone: Double?

        public init() {}
    }

    public var origin: EventOrigin
    /// When these events were imported (every row's `ingested`), Unix seconds.
    public var ingested: Double
    public private(set) var rows: [Row] = []
    public private(set) var bytes: [UInt8] = []
    /// Rows read, including those that failed to parse (for the importer's bookkeeping).
    public var linesRead = 0

    public init(origin: EventOrigin, ingested: Date, capacity: Int = 0) {
        self.origin = origin
        self.ingested = ingested.timeIntervalSince1970
        rows.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 160)
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// Copies bytes into the arena and returns their field.
    public mutating func text(_ field: UnsafeBufferPointer<UInt8>) -> Text {
        let start = Int32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: field)
        return Text(start: start, count: Int32(truncatingIfNeeded: field.count))
    }

    /// Bytes as a field, or NULL when empty.
    public mutating func textOrNull(_ field: UnsafeBufferPointer<UInt8>) -> Text {
        field.isEmpty ? .null : text(field)
    }

    public mutating func text(_ s: String) -> Text {
        var s = s
        return s.withUTF8 { text($0) }
    }

    public mutating func append(_ row: Row) {
        rows.append(row)
    }

    /// Appends an event's import fields (actors, code, day, counts, location name and country, URL, external id);
    /// the rest of a coded event (document, sentence, spans, PLOVER, modality) has no place here.
    public mutating func append(_ e: StoredEvent) {
        var r = Row()
        func t(_ s: String?) -> Text { s.map { text($0) } ?? .null }
        r.externalID = t(e.externalID)
        if let a = e.event.source { r.sourceCode = t(a.code); r.sourceText = t(a.text) }
        if let a = e.event.target { r.targetCode = t(a.code); r.targetText = t(a.text) }
        r.cameo = t(e.event.cameo)
        r.quad = e.event.quad
        r.goldstein = e.event.goldstein
        r.date = t(e.event.date)
        r.eventDay = e.eventDay?.timeIntervalSince1970
        r.published = e.published?.timeIntervalSince1970
        if let l = e.event.location { r.locationText = t(l.text); r.locationCountry = t(l.country) }
        r.sourceURL = t(e.sourceURL)
        r.mentions = e.mentions
        r.sources = e.sources
        r.articles = e.articles
        r.tone = e.tone
        rows.append(r)
    }

    /// Forgets the rows and bytes, keeping their storage (a loader reuses one batch).
    public mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        linesRead = 0
    }

    public func string(_ t: Text) -> String? {
        guard t.count >= 0 else { return nil }
        let s = Int(t.start), n = Int(t.count)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<(s + n)]), as: UTF8.self) }
    }

    /// Row `i` as the store's event value (what reading it back from the store returns, minus the id).
    public func storedEvent(at i: Int) -> StoredEvent {
        let r = rows[i]
        func actor(_ code: Text, _ name: Text) -> EventActor? {
            string(code).map { EventActor(code: $0, text: string(name) ?? "", span: nil) }
        }
        let location = string(r.locationText).map { EventLocation(text: $0, span: Span(0, 0), country: string(r.locationCountry)) }
        let event = Event(sentence: 0, source: actor(r.sourceCode, r.sourceText), target: actor(r.targetCode, r.targetText),
                          cameo: string(r.cameo) ?? "", goldstein: r.goldstein, quad: r.quad, date: string(r.date),
                          location: location)
        return StoredEvent(event: event, origin: origin, published: r.published.map { Date(timeIntervalSince1970: $0) },
                           ingested: Date(timeIntervalSince1970: ingested),
                           eventDay: r.eventDay.map { Date(timeIntervalSince1970: $0) }, sourceURL: string(r.sourceURL),
                           externalID: string(r.externalID), mentions: r.mentions, sources: r.sources, articles: r.articles,
                           tone: r.tone)
    }

    public var storedEvents: [StoredEvent] { rows.indices.map(storedEvent(at:)) }
}

/// A store that takes `ImportBatch`es directly (without a `StoredEvent` per row). Same contract as
/// `EventStore.importEvents`: rows whose (origin, externalID) is stored, or repeated earlier in the batch, are skipped.
public protocol BatchImporting: EventStore {
    func importBatch(_ batch: ImportBatch) async throws -> ImportCounts
}
