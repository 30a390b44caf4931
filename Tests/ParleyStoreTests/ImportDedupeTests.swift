import Foundation
import GRDB
import ParleyModel
import Testing
@testable import ParleyStore

func imported(_ id: String?, _ source: String?, _ target: String?, _ cameo: String, quad: Int, goldstein: Double,
              day: String) -> StoredEvent {
    let e = Event(sentence: 0, source: source.map { EventActor(code: $0, text: $0, span: nil) },
                  target: target.map { EventActor(code: $0, text: $0, span: nil) }, cameo: cameo, goldstein: goldstein,
                  quad: quad, date: day)
    return StoredEvent(event: e, origin: .gdelt, published: Timestamp.parse(day), ingested: Timestamp.parse("2026-01-01")!,
                       eventDay: Timestamp.parse(day), externalID: id, mentions: 2)
}

@Suite struct ImportDedupeTests {
    @Test func dedupesOnOriginAndExternalID() async throws {
        let store = try SQLiteStore.inMemory()
        let a = imported("1", "IRN", "USA", "125", quad: 3, goldstein: -5, day: "2025-11-09")
        let b = imported("2", "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09")
        #expect(try await store.importEvents([a, b, a]) == ImportCounts(stored: 2, duplicates: 1))
        #expect(try await store.importEvents([a, b]) == ImportCounts(stored: 0, duplicates: 2))
        // No external id: always stored.
        let c = imported(nil, "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09")
        #expect(try await store.importEvents([c, c]) == ImportCounts(stored: 2, duplicates: 0))
        #expect(try await store.eventCount(EventQuery()) == 4)
    }

    /// The daily dyad table always equals the aggregation over the event table.
    @Test func dyadDayTableFollowsInsertsReplacesAndDeletes() async throws {
        let store = try SQLiteStore.inMemory()
        _ = try await store.importEvents([
            imported("1", "IRNGOV", "USA", "125", quad: 3, goldstein: -5, day: "2025-11-09"),
            imported("2", "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09"),
            imported("3", "USA", "IRNMIL", "190", quad: 4, goldstein: -10, day: "2025-11-10"),
            imported("4", "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09"),
            imported("5", "FRA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09"),
            imported("6", "IRN", nil, "010", quad: 1, goldstein: 0, day: "2025-11-09"),
        ])
        _ = try await store.insert([StoredDocument(id: "d1", url: nil, outlet: nil, title: nil, author: nil, section: nil,
                                                   keywords: [], published: Timestamp.parse("2025-11-11"),
                                                   ingested: Timestamp.parse("2025-11-11")!, text: "Text.", contentHash: "h1")])
        var coded = imported(nil, "USAGOV", "IRN", "125", quad: 3, goldstein: -5, day: "2025-11-10")
        coded.origin = .coded
        coded.documentID = "d1"
        try await store.replaceEvents(documentID: "d1", with: [coded, coded])
        try await store.replaceEvents(documentID: "d1", with: [coded])

        let days = try store.dyadDays("IRN", "USA")
        let d9 = Timestamp.parse("2025-11-09")!, d10 = Timestamp.parse("2025-11-10")!
        #expect(days == [
            .init(day: d9, quad: 1, events: 2, goldsteinSum: 8, mentions: 4),
            .init(day: d9, quad: 3, events: 1, goldsteinSum: -5, mentions: 2),
            .init(day: d10, quad: 3, events: 1, goldsteinSum: -5, mentions: 2),
            .init(day: d10, quad: 4, events: 1, goldsteinSum: -10, mentions: 2),
        ])
        #expect(try store.dyadDays("IRN", "USA", directed: true).map(\.events) == [1])
        #expect(try store.dyadDays("IRNGOV", "USA").map(\.events) == [1])
        #expect(try store.dyadDays("IRNGOV", "USA", directed: true).map(\.quad) == [3])
        #expect(try store.dyadDays("US", "IRN").map(\.events) == [2, 1, 1, 1])
        #expect(try store.dyadDays("USA", "IRN", since: d10).map(\.events) == [1, 1])
        try await store.replaceEvents(documentID: "d1", with: [])
        #expect(try store.dyadDays("IRN", "USA", since: d10).map(\.quad) == [4])
        #expect(try store.rollupDiscrepancies() == 0)
    }

    /// A negated event ("did not attack") is stored and listed but not counted in the daily dyad tables; a store
    /// whose tables counted negated events (before v5) is rebuilt when opened.
    @Test func negatedEventsAreNotCounted() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-negated-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var denied = imported("2", "USA", "IRN", "190", quad: 4, goldstein: -10, day: "2025-11-09")
        denied.event.negated = true
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.importEvents([imported("1", "IRN", "USA", "036", quad: 1, goldstein: 4, day: "2025-11-09"), denied])
            #expect(try await store.eventCount(EventQuery(dyad: "IRN", "USA")) == 2)
            #expect(try store.dyadDays("IRN", "USA").map(\.quad) == [1])
            #expect(try await store.dyadDaysFromEvents("IRN", "USA").map(\.quad) == [1])
            // Negating and un-negating an event moves it out of the tables and back.
            try await store.writer.write { db in try db.execute(sql: "UPDATE event SET negated = 1 - negated") }
            #expect(try store.dyadDays("IRN", "USA").map(\.quad) == [4])
            try await store.writer.write { db in try db.execute(sql: "UPDATE event SET negated = 1 - negated") }
            #expect(try store.rollupDiscrepancies() == 0)
            // As a store before v5 held it: the negated event counted, the migration not yet run.
            let day = denied.eventDay!.timeIntervalSince1970
            try await store.writer.write { db in
                try db.execute(sql: "INSERT INTO dyad_country_day VALUES ('USA', 'IRN', ?, 4, 1, -10, 2)", arguments: [day])
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-rollups-skip-negated'")
            }
            #expect(try store.dyadDays("IRN", "USA").map(\.quad) == [1, 4])
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.dyadDays("IRN", "USA").map(\.quad) == [1])
        #expect(try reopened.rollupDiscrepancies() == 0)
    }
}
