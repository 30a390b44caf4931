import Foundation
import ParleyModel
import ParleyPostgres
import ParleyStore
import Testing

// The store contract: the same test functions run against SQLite (a temporary file) and against PostgreSQL
// (a fresh schema per test, dropped afterwards) when PARLEY_TEST_POSTGRES_URL names a server (`.ci/run` starts one).

let postgresURL = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("Store contract: SQLite") struct SQLiteContractTests {
    @Test(arguments: StoreContract.names)
    func contract(_ name: String) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-contract-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try await StoreContract.run(name, try SQLiteStore(path: path))
    }
}

@Suite("Store contract: PostgreSQL",
       .enabled(if: postgresURL != nil, "PARLEY_TEST_POSTGRES_URL is not set: PostgreSQL contract cases skipped (bash .ci/run starts a server)"))
struct PostgresContractTests {
    @Test(arguments: StoreContract.names)
    func contract(_ name: String) async throws {
        let url = try #require(postgresURL)
        let schema = "parley_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let store = try await PostgresStore(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool=2")
        do {
            try await StoreContract.run(name, store)
        } catch {
            try? await store.dropSchema()
            throw error
        }
        try await store.dropSchema()
    }
}

/// The cases, each a function of a store.
enum StoreContract {
    typealias Case = @Sendable (any DyadSeriesStore) async throws -> Void

    static let cases: [(String, Case)] = [
        ("documents: insert, duplicates, same id with another text", documentsAndDuplicates),
        ("documents: queries by time, outlet, knowledge, limit", documentQueries),
        ("documents: Unicode text and timestamps round-trip", unicodeAndTimes),
        ("insert with coding: coding follows a renamed document", insertWithCoding),
        ("events: dyad, actor, code, time, as-of, known-at, limit, offset, order", eventFilters),
        ("events: every field round-trips", eventRoundTrip),
        ("import: dedupe on origin and external id, bulk mode", importDedupe),
        ("replace events and coding", replaceEventsAndCoding),
        ("quotes, mentions, offices", quotesMentionsOffices),
        ("documents mentioning two actors", documentsMentioning),
        ("dyad series equals a GROUP BY over raw events", dyadSeries),
        ("counts agree with listings", counts),
        ("concurrent writers store each text and each external id once", concurrentWriters),
        ("counterparts of a side equal the count over its events", counterparts),
        ("keyset pages (after an event) tile the listing", keysetPages),
    ]

    static var names: [String] { cases.map(\.0) }

    static func run(_ name: String, _ store: any DyadSeriesStore) async throws {
        let c = try #require(cases.first { $0.0 == name }?.1)
        try await c(store)
    }

    // MARK: fixtures

    static func date(_ s: String) -> Date { Timestamp.parse(s)! }

    static func doc(_ id: String, _ text: String, published: String? = nil, outlet: String? = nil,
                    ingested: String = "2026-01-01T00:00:00Z", keywords: [String] = []) -> StoredDocument {
        StoredDocument(id: id, url: "https://example.org/\(id)", outlet: outlet, title: "Title \(id)", author: nil, section: nil,
                       keywords: keywords, published: published.map(date), ingested: date(ingested), text: text,
                       contentHash: ContentHash.of(text))
    }

    static func event(_ source: String?, _ target: String?, _ cameo: String, day: String?, published: String? = "2025-11-12",
                      ingested: String = "2026-01-01", doc: String? = nil, externalID: String? = nil, quad: Int = 3,
                      goldstein: Double = -5, mentions: Int = 1) -> StoredEvent {
        let e = Event(sentence: 0, source: source.map { EventActor(code: $0, text: $0, span: nil) },
                      target: target.map { EventActor(code: $0, text: $0, span: nil) }, cameo: cameo, goldstein: goldstein,
                      quad: quad, plover: PloverCode(event: "REJECT", mode: nil, context: ["diplomatic"]), date: day)
        return StoredEvent(event: e, origin: doc == nil ? .gdelt : .coded, documentID: doc,
                           sentenceSpan: doc == nil ? nil : Span(0, 10), sentenceText: doc == nil ? nil : "A sentence",
                           published: published.map(date), ingested: date(ingested), eventDay: day.map(date),
                           externalID: externalID, mentions: mentions)
    }

    /// The listing's codes; its digests must be the events' digests, in the same order.
    static func cameos(_ store: any DyadSeriesStore, _ q: EventQuery) async throws -> [String] {
        let events = try await store.events(q)
        #expect(try await store.eventDigests(q) == events.map(EventDigest.init), "digests of \(q)")
        return events.map(\.event.cameo)
    }

    // MARK: documents

    @Sendable static func documentsAndDuplicates(_ store: any DyadSeriesStore) async throws {
        let a = doc("d1", "Iran and the United States met in Oman.")
        let b = doc("d2", "Another text.")
        #expect(try await store.insert([a, b, a]) == [.stored(id: "d1"), .stored(id: "d2"), .duplicate(of: "d1")])
        #expect(try await store.insert([doc("other", a.text)]) == [.duplicate(of: "d1")])
        // The same id with another text: both kept, the newcomer under a disambiguated id.
        let c = doc("d1", "A different text under a taken id.")
        #expect(try await store.insert([c]) == [.stored(id: "d1~\(c.contentHash.prefix(8))")])
        #expect(try await store.documentCount() == 3)
        #expect(try await store.existingHashes([a.contentHash, ContentHash.of("nothing"), c.contentHash]) == [a.contentHash, c.contentHash])
        #expect(try await store.existingHashes([]) == [])
        #expect(try await store.document(id: "d1") == a)
        #expect(try await store.document(id: "missing") == nil)
        #expect(try await store.insert([StoredDocument]()) == [])
    }

    @Sendable static func documentQueries(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([
            doc("a", "one", published: "2025-11-10T08:00:00Z", outlet: "Reuters", ingested: "2025-11-10T09:00:00Z"),
            doc("b", "two", published: "2025-11-12T08:00:00Z", outlet: "AP", ingested: "2025-11-12T09:00:00Z"),
            doc("c", "three", published: nil, outlet: "reuters", ingested: "2025-11-11T09:00:00Z"),
            doc("d", "four", published: "2025-11-10T08:00:00Z", outlet: nil, ingested: "2025-11-13T09:00:00Z"),
        ])
        func ids(_ q: DocumentQuery) async throws -> [String] { try await store.documents(q).map(\.id) }
        // Published order, ties by id, unknown publication last.
        #expect(try await ids(DocumentQuery()) == ["a", "d", "b", "c"])
        #expect(try await store.documentIDs() == ["a", "d", "b", "c"])
        #expect(try await ids(DocumentQuery(since: date("2025-11-11"))) == ["b"])
        #expect(try await ids(DocumentQuery(until: date("2025-11-11"))) == ["a", "d"])
        #expect(try await ids(DocumentQuery(outlet: "REUTERS")) == ["a", "c"])
        #expect(try await ids(DocumentQuery(knownAt: date("2025-11-12T09:00:00Z"))) == ["a", "b", "c"])
        #expect(try await ids(DocumentQuery(limit: 2)) == ["a", "d"])
        #expect(try await ids(DocumentQuery(limit: 0)) == [])
    }

    @Sendable static func unicodeAndTimes(_ store: any DyadSeriesStore) async throws {
        let text = "Téhéran — «négociations» 🇮🇷🤝🇺🇸; العلاقات الإيرانية الأمريكية; 伊朗; e\u{301}; tab\there\nline\\backslash 'quote' \"double\""
        var d = doc("ü-1", text, published: "2025-11-12T21:48:07Z", outlet: "Ñews", keywords: ["Iran", "外交", "a,b"])
        d.published = Date(timeIntervalSince1970: 1_762_984_087.25)
        d.ingested = Date(timeIntervalSince1970: 1_763_000_000.5)
        d.title = "Ünïcödé 标题 ✓"
        _ = try await store.insert([d])
        let back = try #require(try await store.document(id: "ü-1"))
        #expect(back.text == text)
        #expect(back.title == d.title)
        #expect(back.keywords == d.keywords)
        #expect(back.outlet == "Ñews")
        #expect(back.contentHash == ContentHash.of(text))
        // Times keep at least millisecond precision (PostgreSQL: microseconds; SQLite: a double).
        #expect(abs(try #require(back.published).timeIntervalSince(try #require(d.published))) < 0.001)
        #expect(abs(back.ingested.timeIntervalSince(d.ingested)) < 0.001)
        // Through the import path too (PostgreSQL's COPY escapes tabs, newlines and backslashes).
        var e = event("IRN", "USA", "036", day: "2025-11-12", externalID: "ü\t1")
        e.sourceURL = "https://example.org/a\\b\tc\nd?q=ü"
        e.event.triggerText = "«meet»\r\n"
        e.event.location = EventLocation(text: "Genève 🇨🇭", span: Span(1, 2), country: "CHE")
        e.published = Date(timeIntervalSince1970: 1_762_984_087.75)
        e.ingested = Date(timeIntervalSince1970: -86_400.5) // before 1970 and before PostgreSQL's 2000 epoch
        #expect(try await store.importEvents([e]) == ImportCounts(stored: 1, duplicates: 0))
        let got = try #require(try await store.events(EventQuery()).first)
        #expect(got.sourceURL == e.sourceURL)
        #expect(got.externalID == e.externalID)
        #expect(got.event.triggerText == e.event.triggerText)
        #expect(got.event.location == e.event.location)
        #expect(abs(try #require(got.published).timeIntervalSince(try #require(e.published))) < 0.001)
        #expect(abs(got.ingested.timeIntervalSince(e.ingested)) < 0.001)
        #expect(got.eventDay == e.eventDay)
    }

    // MARK: coding

    static func coding(for id: String, quoteSpeaker: String = "IRNGOV", mentionCodes: [String] = ["IRN", "USA"]) -> DocumentCoding {
        let q = Quote(content: Span(10, 30), cue: Span(2, 6), speaker: Span(0, 5), speakerText: "Araghchi",
                      speakerAntecedent: nil, speakerActor: quoteSpeaker, direct: true)
        return DocumentCoding(
            documentID: id,
            events: [event("IRNGOV", "USA", "036", day: "2025-11-09", doc: id), event("USA", "IRN", "112", day: "2025-11-10", doc: id)],
            quotes: [StoredQuote(documentID: id, index: 0, quote: q, content: "we are ready", cue: "said", sentence: 1,
                                 sentenceText: "Araghchi said: we are ready.", published: date("2025-11-12"), ingested: date("2026-01-01"))],
            mentions: mentionCodes.enumerated().map { i, c in ActorMention(span: Span(i * 10, i * 10 + 4), text: c, code: c, country: String(c.prefix(3))) },
            offices: [OfficeFact(person: "Abbas Araghchi", code: "IRNGOV", documentID: id, evidence: Span(0, 20), date: date("2025-11-12"))])
    }

    @Sendable static func insertWithCoding(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([doc("x", "Taken id.")])
        let d = doc("x", "Araghchi said: we are ready.", published: "2025-11-12T00:00:00Z")
        let renamed = "x~\(d.contentHash.prefix(8))"
        let out = try await store.insert([(d, coding(for: "x")), (doc("y", "Taken id."), coding(for: "y"))])
        #expect(out == [.stored(id: renamed), .duplicate(of: "x")])
        var q = EventQuery()
        q.documentID = renamed
        #expect(try await cameos(store, q) == ["036", "112"])
        #expect(try await store.events(q).allSatisfy { $0.documentID == renamed })
        q.documentID = "y"
        #expect(try await store.eventCount(q) == 0)
        #expect(try await store.quotes(documentID: renamed, speakerActor: nil, asOf: nil).map(\.documentID) == [renamed])
        #expect(try await store.mentions(documentID: renamed).map(\.code) == ["IRN", "USA"])
        #expect(try await store.offices(knownAt: nil).map(\.documentID) == [renamed])
        #expect(try await store.mentions(documentID: "y").isEmpty)
    }

    // MARK: events

    @Sendable static func eventFilters(_ store: any DyadSeriesStore) async throws {
        try await store.insertEvents([
            event("IRNGOV", "USA", "125", day: "2025-11-09", published: "2025-11-12", ingested: "2025-11-12T10:00:00Z"),
            event("USAGOV", "IRN", "163", day: "2018-05-08", published: "2025-11-12", ingested: "2025-11-12T10:00:00Z"),
            event("USA", "IRNGOV", "036", day: "2025-11-13", published: "2025-11-14", ingested: "2025-11-14T10:00:00Z"),
            event("FRA", "IRN", "112", day: "2025-11-01", published: "2025-11-02", ingested: "2025-11-02T10:00:00Z"),
            event("IRQ", nil, "190", day: "2025-03-13", published: "2025-03-14", ingested: "2025-03-14T10:00:00Z"),
            event("IRN", "USA", "010", day: nil, published: nil, ingested: "2025-03-14T10:00:00Z"),
            event("IRNA", "USAB", "020", day: "2025-11-09", published: "2025-11-09"),
            event("IR", "US", "030", day: "2025-11-09", published: "2025-11-09"),
        ])
        var q = EventQuery(dyad: "IRN", "USA")
        // Unknown days first, then by day, ties in insertion order; prefixes match longer codes only.
        #expect(try await cameos(store, q) == ["010", "163", "125", "020", "036"])
        q.directed = true
        #expect(try await cameos(store, q) == ["010", "125", "020"])
        q.dyadPair = .init(a: "USA", b: "IRN")
        #expect(try await cameos(store, q) == ["163", "036"])
        q.directed = false
        q.asOf = date("2025-11-12T23:59:59Z")
        #expect(try await cameos(store, q) == ["163", "125", "020"])
        q.asOf = nil
        q.knownAt = date("2025-11-13T00:00:00Z")
        #expect(try await cameos(store, q) == ["010", "163", "125"])
        var a = EventQuery()
        a.actor = "IRN"
        #expect(try await store.eventCount(a) == 6)
        a.code = "1"
        #expect(try await cameos(store, a) == ["163", "112", "125"])
        a.code = "16"
        #expect(try await cameos(store, a) == ["163"])
        var t = EventQuery()
        t.since = date("2025-01-01")
        t.until = date("2025-11-09")
        #expect(try await cameos(store, t) == ["190", "112", "125", "020", "030"])
        t.limit = 2
        #expect(try await cameos(store, t) == ["190", "112"])
        t.offset = 2
        #expect(try await cameos(store, t) == ["125", "020"])
        t.limit = nil
        #expect(try await cameos(store, t) == ["125", "020", "030"])
        t.limit = 0
        #expect(try await cameos(store, t) == [])
        var o = EventQuery()
        o.origin = .coded
        #expect(try await store.eventCount(o) == 0)
        o.origin = .gdelt
        #expect(try await store.eventCount(o) == 8)
        var e = EventQuery()
        e.actor = "ZZZ"
        #expect(try await store.events(e).isEmpty)
        // Ids are assigned and increase in insertion order.
        let ids = try await store.events(EventQuery()).compactMap(\.id)
        #expect(ids.count == 8 && Set(ids).count == 8)
    }

    @Sendable static func eventRoundTrip(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([doc("d1", "Doc one.", published: "2025-11-12T00:00:00Z")])
        var e = event("IRNGOV", "USA", "125", day: "2025-11-09", published: "2025-11-12", doc: "d1")
        e.event.trigger = Span(4, 9)
        e.event.triggerText = "rejected"
        e.event.source = EventActor(code: "IRNGOV", text: "Iran's government", span: Span(0, 3))
        e.event.target = EventActor(code: "USA", text: "Washington", span: nil)
        e.event.location = EventLocation(text: "Geneva", span: Span(3, 9), country: "CHE")
        e.event.modality = .reported
        e.event.negated = true
        e.event.quote = 0
        e.event.sentence = 3
        e.event.plover = PloverCode(event: "REJECT", mode: "mode", context: ["diplomatic", "military"])
        e.sourceURL = "https://example.org/x"
        e.externalID = "x-1"
        e.tone = -2.5
        e.mentions = 7
        e.sources = 3
        e.articles = 5
        var plain = event("FRA", nil, "010", day: nil, published: nil)
        plain.event.plover = nil
        try await store.insertEvents([e, plain])
        for (sent, got) in zip([e, plain], try await store.events(EventQuery()).reversed()) {
            var got = got
            #expect(got.id != nil)
            got.id = nil
            #expect(got == sent)
        }
    }

    @Sendable static func keysetPages(_ store: any DyadSeriesStore) async throws {
        var events: [StoredEvent] = []
        for i in 0..<23 {
            // Several events a day, some days out of order, three without a day.
            let day: String? = i % 8 == 7 ? nil : "2025-11-\(10 + (i * 5) % 4)"
            events.append(event(["USA", "IRN", "CHN"][i % 3], ["IRN", "USA", "USA"][i % 3], "0\(i % 10)", day: day, externalID: "k\(i)"))
        }
        _ = try await store.importEvents(events)
        for base in [EventQuery(), EventQuery(dyad: "IRN", "USA"), { var q = EventQuery(); q.actor = "USA"; q.code = "0"; return q }()] {
            let all = try await store.events(base).compactMap(\.id)
            #expect(all.count > 5)
            for size in [1, 4, 7] {
                var pages: [Int64] = []
                var q = base
                q.limit = size
                for _ in 0...all.count {   // a store that ignored `after` would repeat the first page: bounded
                    let page = try await store.events(q)
                    pages += page.compactMap(\.id)
                    guard page.count == size, let last = page.last.flatMap(EventQuery.Position.init) else { break }
                    q.after = last
                }
                #expect(pages == all, "page size \(size)")
            }
        }
    }

    @Sendable static func counterparts(_ store: any DyadSeriesStore) async throws {
        var events: [StoredEvent] = []
        let pairs: [(String?, String?)] = [("USA", "FRA"), ("FRAGOV", "USAMIL"), ("USA", "IRN"), ("IRNGOV", "USA"), ("USA", "USAGOV"),
                                           ("USA", nil), (nil, "USA"), ("USA", "IGOUNO"), ("IGOUNOIAE", "USAGOV"), ("DEU", "FRA"),
                                           ("USACVL", "CHN"), ("", "USA"), ("IRN", "FRA"), ("USA", "FRA")]
        for (i, p) in pairs.enumerated() {
            events.append(event(p.0, p.1, ["042", "190", "111", "036"][i % 4], day: "2025-11-\(10 + i)",
                                published: "2025-11-\(10 + i)T12:00:00Z", externalID: "c\(i)", quad: i % 4 + 1,
                                goldstein: Double(i % 7) - 3))
        }
        // "The US did not strike China": reported, not counted.
        var denied = event("USA", "CHN", "190", day: "2025-11-12", published: "2025-11-12T12:00:00Z", externalID: "n1", quad: 4, goldstein: -10)
        denied.event.negated = true
        events.append(denied)
        _ = try await store.importEvents(events)
        for (side, other, asOf) in [("USA", "IRN", nil), ("USA", "IRN", date("2025-11-16T00:00:00Z")), ("IRN", "USA", nil),
                                    ("FRA", "USA", nil), ("USA", "CHN", nil)] as [(String, String, Date?)] {
            var q = EventQuery()
            q.actor = side
            q.asOf = asOf
            let expected = CounterpartFigures.count(try await store.events(q), side: side, excluding: other)
            let got = try await store.counterparts(of: side, excluding: other, asOf: asOf, knownAt: nil)
            #expect(got == expected, "\(side) without \(other), as of \(String(describing: asOf))")
        }
        let usa = try await store.counterparts(of: "USA", excluding: "IRN", asOf: nil, knownAt: nil)
        #expect(usa.map(\.code) == ["CHN", "FRA", "FRAGOV", "IGOUNO", "IGOUNOIAE"])
        #expect(usa.first { $0.code == "FRA" }?.events == 2)
        #expect(usa.first { $0.code == "CHN" }?.quad == [0, 0, 0, 1, 0])
    }

    @Sendable static func importDedupe(_ store: any DyadSeriesStore) async throws {
        let a = event("IRN", "USA", "125", day: "2025-11-09", externalID: "1")
        let b = event("USA", "IRN", "036", day: "2025-11-09", externalID: "2")
        #expect(try await store.importEvents([a, b, a]) == ImportCounts(stored: 2, duplicates: 1))
        #expect(try await store.importEvents([a, b]) == ImportCounts(stored: 0, duplicates: 2))
        #expect(try await store.importEvents([]) == ImportCounts())
        // No external id: always stored.
        let c = event("USA", "IRN", "036", day: "2025-11-09")
        #expect(try await store.importEvents([c, c]) == ImportCounts(stored: 2, duplicates: 0))
        // The same external id from another origin is another event.
        var coded = a
        coded.origin = .coded
        #expect(try await store.importEvents([coded]) == ImportCounts(stored: 1, duplicates: 0))
        #expect(try await store.eventCount(EventQuery()) == 5)
        // Input order is kept (ids increase through the batch).
        let batch = (0..<50).map { i in event("NGA", "GHA", "0\(i % 10)", day: "2025-11-20", externalID: "n\(i)") }
        #expect(try await store.importEvents(batch) == ImportCounts(stored: 50, duplicates: 0))
        let q = EventQuery(dyad: "NGA", "GHA")
        #expect(try await store.events(q).map(\.externalID) == batch.map(\.externalID))
        // Bulk mode: queries stay right in between and after; dedupe still holds.
        try await store.beginBulkImport()
        let more = (0..<20).map { i in event("NGA", "GHA", "190", day: "2025-11-21", externalID: "m\(i)") }
        #expect(try await store.importEvents(more + batch.prefix(5)) == ImportCounts(stored: 20, duplicates: 5))
        #expect(try await store.eventCount(q) == 70)
        try await store.endBulkImport()
        #expect(try await store.eventCount(q) == 70)
        #expect(try await store.dyadDays("NGA", "GHA", directed: false, since: nil, until: nil)
                == store.dyadDaysFromEvents("NGA", "GHA", directed: false, since: nil, until: nil))
    }

    @Sendable static func replaceEventsAndCoding(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([doc("d1", "Doc one."), doc("d2", "Doc two.")])
        let e1 = event("IRN", "USA", "125", day: "2025-11-09", doc: "d1")
        let e2 = event("IRN", "USA", "036", day: "2025-11-10", doc: "d2")
        try await store.replaceEvents(documentID: "d1", with: [e1, e1])
        try await store.replaceEvents(documentID: "d2", with: [e2])
        var q = EventQuery()
        q.documentID = "d1"
        #expect(try await store.eventCount(q) == 2)
        try await store.replaceEvents(documentID: "d1", with: [e1])
        #expect(try await store.eventCount(q) == 1)
        try await store.replaceEvents(documentID: "d1", with: [])
        #expect(try await store.eventCount(q) == 0)
        q.documentID = "d2"
        #expect(try await store.eventCount(q) == 1)
        // replaceCoding replaces events, quotes, mentions and offices of that document only.
        try await store.replaceCoding(coding(for: "d1"))
        try await store.replaceCoding(coding(for: "d2", quoteSpeaker: "USAGOV", mentionCodes: ["USA"]))
        try await store.replaceCoding(coding(for: "d1", quoteSpeaker: "IRNMIL", mentionCodes: ["IRN", "ISR", "USA"]))
        q.documentID = "d1"
        #expect(try await store.eventCount(q) == 2)
        #expect(try await store.quotes(documentID: "d1", speakerActor: nil, asOf: nil).map(\.quote.speakerActor) == ["IRNMIL"])
        #expect(try await store.mentions(documentID: "d1").map(\.code) == ["IRN", "ISR", "USA"])
        #expect(try await store.mentions(documentID: "d2").map(\.code) == ["USA"])
        #expect(try await store.offices(knownAt: nil).count == 2)
        try await store.replaceCoding(DocumentCoding(documentID: "d1"))
        #expect(try await store.eventCount(q) == 0)
        #expect(try await store.quotes(documentID: "d1", speakerActor: nil, asOf: nil).isEmpty)
        #expect(try await store.mentions(documentID: "d1").isEmpty)
        #expect(try await store.offices(knownAt: nil).map(\.documentID) == ["d2"])
        #expect(try await store.dyadDays("IRN", "USA", directed: false, since: nil, until: nil)
                == store.dyadDaysFromEvents("IRN", "USA", directed: false, since: nil, until: nil))
    }

    @Sendable static func quotesMentionsOffices(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([doc("d1", "Doc one.", ingested: "2025-11-01T00:00:00Z"),
                                    doc("d2", "Doc two.", ingested: "2025-11-20T00:00:00Z")])
        var c1 = coding(for: "d1")
        let q0 = c1.quotes[0]
        var q1 = q0
        q1.index = 1
        q1.published = nil
        q1.quote.cue = nil
        q1.quote.speaker = nil
        q1.quote.speakerText = nil
        q1.quote.speakerActor = nil
        q1.quote.direct = false
        q1.quote.speakerAntecedent = Span(40, 45)
        q1.cue = nil
        q1.sentence = nil
        q1.sentenceText = nil
        c1.quotes = [q0, q1]
        c1.mentions = [ActorMention(span: Span(20, 24), text: "U.S.", code: "USA", country: "USA", sector: nil, person: nil),
                       ActorMention(span: Span(0, 8), text: "Araghchi", code: "IRNGOV", country: "IRN", sector: "GOV", person: "Abbas Araghchi")]
        var c2 = coding(for: "d2", quoteSpeaker: "USAGOV")
        c2.offices[0].date = nil
        c2.offices[0].person = "Marco Rubio"
        c2.offices[0].code = "USAGOV"
        c2.quotes[0].published = date("2025-11-20")
        try await store.replaceCoding(c1)
        try await store.replaceCoding(c2)
        // Unknown publication first, then by time, document, index; every field back.
        let all = try await store.quotes(documentID: nil, speakerActor: nil, asOf: nil)
        #expect(all.map { "\($0.documentID)#\($0.index)" } == ["d1#1", "d1#0", "d2#0"])
        #expect(all[0] == q1)
        #expect(all[1] == q0)
        #expect(try await store.quotes(documentID: nil, speakerActor: "IRN", asOf: nil).map(\.index) == [0])
        #expect(try await store.quotes(documentID: nil, speakerActor: "USA", asOf: nil).map(\.documentID) == ["d2"])
        #expect(try await store.quotes(documentID: nil, speakerActor: nil, asOf: date("2025-11-15")).map(\.documentID) == ["d1"])
        #expect(try await store.mentions(documentID: "d1") == c1.mentions.sorted { $0.span.start < $1.span.start })
        // Offices: unknown date first; known-at filters by the document's ingestion.
        let offices = try await store.offices(knownAt: nil)
        #expect(offices.map(\.person) == ["Marco Rubio", "Abbas Araghchi"])
        #expect(offices[1] == c1.offices[0])
        #expect(try await store.offices(knownAt: date("2025-11-10")).map(\.person) == ["Abbas Araghchi"])
    }

    @Sendable static func documentsMentioning(_ store: any DyadSeriesStore) async throws {
        _ = try await store.insert([
            doc("both", "IRN and USA", published: "2025-11-10T00:00:00Z", ingested: "2025-11-10T01:00:00Z"),
            doc("iran", "IRN only", published: "2025-11-09T00:00:00Z"),
            doc("later", "IRNGOV and USAGOV", published: "2025-11-12T00:00:00Z", ingested: "2025-11-15T00:00:00Z"),
            doc("undated", "IRN and USA, undated", published: nil),
        ])
        try await store.replaceCoding(coding(for: "both", mentionCodes: ["IRN", "USA"]))
        try await store.replaceCoding(coding(for: "iran", mentionCodes: ["IRN", "IRNGOV"]))
        try await store.replaceCoding(coding(for: "later", mentionCodes: ["USAGOV", "IRNGOV"]))
        try await store.replaceCoding(coding(for: "undated", mentionCodes: ["IRN", "USA"]))
        #expect(try await store.documents(mentioning: "IRN", and: "USA", asOf: nil, knownAt: nil).map(\.id) == ["undated", "both", "later"])
        #expect(try await store.documents(mentioning: "USA", and: "IRN", asOf: date("2025-11-11"), knownAt: nil).map(\.id) == ["both"])
        #expect(try await store.documents(mentioning: "IRN", and: "USA", asOf: nil, knownAt: date("2025-11-14")).map(\.id) == ["both"])
        #expect(try await store.documents(mentioning: "IRNGOV", and: "USAGOV", asOf: nil, knownAt: nil).map(\.id) == ["later"])
        #expect(try await store.documents(mentioning: "ISR", and: "USA", asOf: nil, knownAt: nil).isEmpty)
    }

    // MARK: series and counts

    static func randomEvents(_ n: Int, seed: UInt64, idPrefix: String) -> [StoredEvent] {
        var r = SplitMix64(seed: seed)  // deterministic: both backends see the same rows
        let codes: [String?] = ["USA", "USAGOV", "USAMIL", "CHN", "CHNGOV", "IRN", "IRNGOV", "ISR", "RUS", "US", nil]
        let days = (1...20).map { String(format: "2025-10-%02d", $0) } + [nil]
        return (0..<n).map { i in
            var e = event(r.pick(codes), r.pick(codes), r.pick(["010", "036", "112", "125", "190"]), day: r.pick(days),
                          externalID: "\(idPrefix)\(i)", quad: Int(r.next() % 4) + 1, goldstein: Double(Int(r.next() % 21) - 10) / 2,
                          mentions: Int(r.next() % 5) + 1)
            e.event.negated = r.next() % 6 == 0  // "did not attack": reported, but not counted in the aggregates
            return e
        }
    }

    static func expectSeriesMatch(_ store: any DyadSeriesStore, _ label: String) async throws {
        let year = (date("2025-10-05"), date("2025-10-15"))
        for (a, b) in [("USA", "CHN"), ("USA", "IRN"), ("IRN", "ISR"), ("USAGOV", "CHN"), ("US", "CHN"), ("USA", "USA"), ("RUS", "ZZZ")] {
            for directed in [false, true] {
                for range in [(Date?.none, Date?.none), (Date?.some(year.0), Date?.some(year.1))] {
                    let fast = try await store.dyadDays(a, b, directed: directed, since: range.0, until: range.1)
                    let slow = try await store.dyadDaysFromEvents(a, b, directed: directed, since: range.0, until: range.1)
                    // And the same GROUP BY done here over the events the store lists.
                    var q = EventQuery(dyad: a, b)
                    q.directed = directed
                    q.since = range.0
                    q.until = range.1
                    var groups: [String: (Date, Int, Int, Double, Int)] = [:]
                    let events = try await store.events(q)
                    #expect(try await store.eventDigests(q) == events.map(EventDigest.init), "digests \(label) \(a)-\(b)")
                    for e in events {
                        guard let day = e.eventDay, !e.event.negated else { continue }
                        let key = "\(day.timeIntervalSince1970)/\(e.event.quad)"
                        var g = groups[key] ?? (day, e.event.quad, 0, 0, 0)
                        g.2 += 1
                        g.3 += e.event.goldstein
                        g.4 += e.mentions
                        groups[key] = g
                    }
                    let listed = groups.values.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                        .map { DyadDay.bucket(day: $0.0, quad: $0.1, events: $0.2, goldsteinSum: $0.3, mentions: $0.4) }
                    let what = "\(label) \(a)-\(b) directed \(directed) range \(range.0 != nil)"
                    #expect(fast.count == slow.count, "\(what)")
                    #expect(slow.count == listed.count, "\(what)")
                    for (x, (y, z)) in zip(fast, zip(slow, listed)) {
                        #expect(x.day == y.day && x.quad == y.quad && x.events == y.events && x.mentions == y.mentions, "\(what)")
                        #expect(abs(x.goldsteinSum - y.goldsteinSum) < 1e-9, "\(what)")
                        #expect(y.day == z.day && y.quad == z.quad && y.events == z.events && y.mentions == z.mentions, "\(what)")
                    }
                }
            }
        }
    }

    @Sendable static func dyadSeries(_ store: any DyadSeriesStore) async throws {
        _ = try await store.importEvents(randomEvents(600, seed: 7, idPrefix: "a"))
        try await expectSeriesMatch(store, "after import")
        // Coded events come and go with recoding: the aggregates follow inserts and deletes.
        _ = try await store.insert([doc("d1", "One."), doc("d2", "Two.")])
        let coded = randomEvents(80, seed: 11, idPrefix: "c").map { e -> StoredEvent in
            var e = e
            e.origin = .coded
            e.documentID = "d1"
            e.externalID = nil
            return e
        }
        try await store.replaceEvents(documentID: "d1", with: coded)
        try await store.replaceEvents(documentID: "d2", with: Array(coded.prefix(30)).map { var e = $0; e.documentID = "d2"; return e })
        try await expectSeriesMatch(store, "after coding")
        try await store.replaceEvents(documentID: "d1", with: Array(coded.suffix(10)))
        try await store.replaceCoding(DocumentCoding(documentID: "d2"))
        try await expectSeriesMatch(store, "after recoding")
        // A bulk import rebuilds the aggregates.
        try await store.beginBulkImport()
        _ = try await store.importEvents(randomEvents(400, seed: 13, idPrefix: "b"))
        try await store.endBulkImport()
        try await expectSeriesMatch(store, "after bulk import")
        let usaChn = try await store.dyadDays("USA", "CHN", directed: false, since: nil, until: nil)
        #expect(!usaChn.isEmpty)
        #expect(usaChn == usaChn.sorted { ($0.day, $0.quad) < ($1.day, $1.quad) })
    }

    @Sendable static func concurrentWriters(_ store: any DyadSeriesStore) async throws {
        let docs = (0..<24).map { doc("c\($0)", "Concurrent text number \($0).") }
        let events = randomEvents(200, seed: 3, idPrefix: "k")
        // Six writers at once (on PostgreSQL, on separate connections of the pool), same order: the unique content
        // hash and the unique (origin, external id) decide, so the result is as if they had run one after another.
        let results = try await withThrowingTaskGroup(of: ([InsertOutcome], ImportCounts).self) { group in
            for w in 0..<6 {
                group.addTask {
                    let mine = Array(events[(w * 20)..<(w * 20 + 80)])
                    return (try await store.insert(docs), try await store.importEvents(mine))
                }
            }
            var all: [([InsertOutcome], ImportCounts)] = []
            for try await r in group { all.append(r) }
            return all
        }
        let stored = results.flatMap(\.0).filter { if case .stored = $0 { true } else { false } }
        #expect(stored.count == docs.count)
        #expect(try await store.documentCount() == docs.count)
        #expect(results.map(\.1.stored).reduce(0, +) == 180)
        #expect(results.map { $0.1.stored + $0.1.duplicates }.reduce(0, +) == 6 * 80)
        #expect(try await store.eventCount(EventQuery()) == 180)
        try await expectSeriesMatch(store, "after concurrent imports")
    }

    @Sendable static func counts(_ store: any DyadSeriesStore) async throws {
        _ = try await store.importEvents(randomEvents(300, seed: 5, idPrefix: "x"))
        var queries: [EventQuery] = [EventQuery()]
        var q = EventQuery(dyad: "USA", "CHN")
        queries.append(q)
        q.directed = true
        queries.append(q)
        var d = EventQuery(dyad: "US", "CH")
        d.code = "0"
        d.since = date("2025-10-02")
        d.asOf = date("2030-01-01")
        queries.append(d)
        var a = EventQuery()
        a.actor = "IRN"
        a.code = "1"
        queries.append(a)
        var u = EventQuery()
        u.actor = "US"
        queries.append(u)
        u.since = date("2025-10-04")
        u.until = date("2025-10-12")
        queries.append(u)
        var t = EventQuery()
        t.since = date("2025-10-03")
        t.until = date("2025-10-07")
        t.asOf = date("2030-01-01")
        queries.append(t)
        for q in queries {
            #expect(try await store.eventCount(q) == store.events(q).count)
            // A page's count is the whole listing's.
            var page = q
            page.limit = 3
            page.offset = 1
            #expect(try await store.eventCount(page) == store.events(q).count)
        }
        #expect(try await store.eventCount(EventQuery()) == 300)
        // Paging with limit and offset walks the same order as one listing.
        let all = try await store.events(EventQuery()).compactMap(\.id)
        var paged: [Int64] = []
        for page in 0..<4 {
            var p = EventQuery()
            p.limit = 100
            p.offset = page * 100
            paged += try await store.events(p).compactMap(\.id)
        }
        #expect(paged == all)
    }
}

extension SplitMix64 {
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
}
