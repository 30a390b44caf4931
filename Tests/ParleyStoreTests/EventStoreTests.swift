import Foundation
import ParleyModel
import Testing
@testable import ParleyStore

func event(_ source: String?, _ target: String?, _ cameo: String, day: String, published: String, doc: String? = nil) -> StoredEvent {
    let e = Event(sentence: 0, source: source.map { EventActor(code: $0, text: $0, span: nil) },
                  target: target.map { EventActor(code: $0, text: $0, span: nil) }, cameo: cameo, goldstein: -5, quad: 3,
                  plover: PloverCode(event: "REJECT", mode: nil, context: ["diplomatic"]), date: day)
    return StoredEvent(event: e, origin: doc == nil ? .gdelt : .coded, documentID: doc, sentenceSpan: doc == nil ? nil : Span(0, 10),
                       sentenceText: doc == nil ? nil : "A sentence", published: Timestamp.parse(published),
                       ingested: Timestamp.parse("2026-01-01")!, eventDay: Timestamp.parse(day))
}

@Suite struct EventStoreTests {
    @Test func dyadActorCodeAndTimeFilters() async throws {
        let store = try SQLiteStore.inMemory()
        try await store.insertEvents([
            event("IRNGOV", "USA", "125", day: "2025-11-09", published: "2025-11-12"),
            event("USAGOV", "IRN", "163", day: "2018-05-08", published: "2025-11-12"),
            event("USA", "IRNGOV", "036", day: "2025-11-13", published: "2025-11-14"),
            event("FRA", "IRN", "112", day: "2025-11-01", published: "2025-11-02"),
            event("IRQ", nil, "190", day: "2025-03-13", published: "2025-03-14"),
        ])
        var q = EventQuery(dyad: "IRN", "USA")
        #expect(try await store.events(q).map(\.event.cameo) == ["163", "125", "036"])
        q.directed = true
        #expect(try await store.events(q).map(\.event.cameo) == ["125"])
        q.directed = false
        q.asOf = Timestamp.parse("2025-11-12T23:59:59Z")
        #expect(try await store.events(q).map(\.event.cameo) == ["163", "125"])
        var a = EventQuery()
        a.actor = "IRN"
        #expect(try await store.eventCount(a) == 4)
        a.code = "1"
        #expect(try await store.events(a).map(\.event.cameo) == ["163", "112", "125"])
        var t = EventQuery()
        t.since = Timestamp.parse("2025-01-01")
        t.until = Timestamp.parse("2025-11-09")
        t.limit = 2
        #expect(try await store.events(t).map(\.event.cameo) == ["190", "112"])
        t.offset = 2
        #expect(try await store.events(t).map(\.event.cameo) == ["125"])
    }

    @Test func roundTripAndReplaceByDocument() async throws {
        let store = try SQLiteStore.inMemory()
        _ = try await store.insert([doc("d1", "Doc one.", published: "2025-11-12T00:00:00Z")])
        var e = event("IRNGOV", "USA", "125", day: "2025-11-09", published: "2025-11-12", doc: "d1")
        e.event.location = EventLocation(text: "Geneva", span: Span(3, 9), country: "CHE")
        e.event.modality = .reported
        e.event.quote = 0
        try await store.replaceEvents(documentID: "d1", with: [e, e])
        var q = EventQuery()
        q.documentID = "d1"
        #expect(try await store.eventCount(q) == 2)
        try await store.replaceEvents(documentID: "d1", with: [e])
        let back = try await store.events(q)
        #expect(back.count == 1)
        var got = back[0]
        got.id = nil
        #expect(got == e)
    }
}
