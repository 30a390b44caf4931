import Foundation
import GRDB
import ParleyModel
import Testing
@testable import ParleyStore

func batch(_ events: [StoredEvent]) -> ImportBatch {
    var b = ImportBatch(origin: .gdelt, ingested: Timestamp.parse("2026-01-01")!)
    for e in events { b.append(e) }
    return b
}

func located(_ e: StoredEvent) -> StoredEvent {
    var e = e
    e.event.location = EventLocation(text: "Geneva, Switzerland", span: Span(0, 0), country: "SZ")
    e.sourceURL = "https://example.org/\(e.externalID ?? "x")"
    e.tone = -1.25
    return e
}

func normal(_ e: StoredEvent) -> StoredEvent {
    var e = e
    e.id = nil
    return e
}

@Suite struct ImportBatchTests {
    @Test func batchPathStoresWhatTheEventPathStores() async throws {
        let events = [
            located(imported("1", "IRNGOV", "USA", "125", quad: 3, goldstein: -5, day: "2025-11-09")),
            imported("2", "USA", nil, "0874", quad: 2, goldstein: 10, day: "2025-11-10"),
            imported("3", nil, nil, "010", quad: 1, goldstein: 0, day: "2025-11-11"),
            located(imported("4", "CHN", "RUS", "036", quad: 1, goldstein: 4, day: "2025-11-12")),
        ]
        var unnamed = imported("5", "FRA", "DEU", "042", quad: 1, goldstein: 1.9, day: "2025-11-12")
        unnamed.event.source = EventActor(code: "FRA", text: "", span: nil)
        let all = events + [unnamed]
        let slow = try SQLiteStore.inMemory()
        _ = try await slow.importEvents(all)
        let fast = try SQLiteStore.inMemory()
        #expect(try await fast.importBatch(batch(all)) == ImportCounts(stored: 5, duplicates: 0))
        let a = try await slow.events(EventQuery()).map(normal)
        let b = try await fast.events(EventQuery()).map(normal)
        #expect(a == b)
        #expect(b == all)
        #expect(batch(all).storedEvents == all)
    }

    /// Batches longer than a multi-row statement: duplicates inside one statement, across statements and in the
    /// one-row remainder are counted, and the rows stored are those the one-event path stores.
    @Test func multiRowStatementsStoreAndCountAsTheEventPath() async throws {
        let cameos = ["010", "036", "125", "190"]
        var events: [StoredEvent] = []
        for i in 0..<100 {
            let source: String = i % 3 == 0 ? "USA" : "IRNGOV"
            let target: String? = i % 5 == 0 ? nil : "CHN"
            let day = "2025-11-\(10 + i % 9)"
            events.append(imported("\(i % 70)", source, target, cameos[i % 4], quad: i % 4 + 1, goldstein: Double(i % 7 - 3), day: day))
        }
        #expect(100 > SQLiteStore.importRowsPerStatement * 2)
        let fast = try SQLiteStore.inMemory()
        #expect(try await fast.importBatch(batch(events)) == ImportCounts(stored: 70, duplicates: 30))
        let slow = try SQLiteStore.inMemory()
        #expect(try await slow.importEvents(events) == ImportCounts(stored: 70, duplicates: 30))
        #expect(try await fast.events(EventQuery()).map(normal) == slow.events(EventQuery()).map(normal))
        #expect(try await fast.importBatch(batch(events)) == ImportCounts(stored: 0, duplicates: 100))
        #expect(try fast.rollupDiscrepancies() == 0)
    }

    @Test func dedupesWithinAndAcrossBatches() async throws {
        let store = try SQLiteStore.inMemory()
        let a = imported("1", "IRN", "USA", "125", quad: 3, goldstein: -5, day: "2025-11-09")
        let b = imported("2", "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09")
        let c = imported("3", "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-10")
        try await store.beginBulkImport()
        #expect(try await store.importBatch(batch([a, b, a])) == ImportCounts(stored: 2, duplicates: 1))
        #expect(try await store.importBatch(batch([b, c])) == ImportCounts(stored: 1, duplicates: 1))
        try await store.endBulkImport()
        #expect(try await store.importBatch(batch([a, b, c])) == ImportCounts(stored: 0, duplicates: 3))
        // Another origin with the same id is another event; no id: always stored.
        var coded = a
        coded.origin = .coded
        var other = batch([coded])
        other.origin = .coded
        #expect(try await store.importBatch(other) == ImportCounts(stored: 1, duplicates: 0))
        let anonymous = imported(nil, "USA", "IRN", "036", quad: 1, goldstein: 4, day: "2025-11-09")
        #expect(try await store.importBatch(batch([anonymous, anonymous])) == ImportCounts(stored: 2, duplicates: 0))
        #expect(try await store.eventCount(EventQuery()) == 6)
        #expect(try store.rollupDiscrepancies() == 0)
    }

    /// Rollups after a bulk import equal the GROUP BY over events, with rows stored before it, deletes and updates of
    /// rows on both sides of the watermark during it, and events without a day.
    @Test func rollupsExactAfterBulkImport() async throws {
        let store = try SQLiteStore.inMemory()
        let sources: [String] = ["IRNGOV", "USA", "CHN", "IRN"]
        let targets: [String?] = ["USA", "IRNMIL", "RUS", nil]
        let cameos: [String] = ["125", "036", "190", "010"]
        var before: [StoredEvent] = []
        for i in 0..<40 {
            let day: String = "2025-11-\(10 + i % 5)"
            let g: Double = Double(i % 7) - 3
            before.append(imported("b\(i)", sources[i % 4], targets[i % 4], cameos[i % 4], quad: i % 4 + 1, goldstein: g, day: day))
        }
        _ = try await store.importEvents(before)
        try await store.beginBulkImport()
        var undated = imported("u1", "USA", "CHN", "042", quad: 1, goldstein: 1, day: "2025-11-10")
        undated.eventDay = nil
        for k in 0..<3 {
            let s2: [String] = ["USA", "CHNGOV", "IRN", "RUS"]
            let t2: [String] = ["CHN", "USAMIL", "ISR", "USA"]
            let c2: [String] = ["042", "111", "172", "200"]
            var rows: [StoredEvent] = []
            for i in 0..<50 {
                let day: String = "2025-11-\(10 + i % 7)"
                let g: Double = Double(i % 9) - 4
                rows.append(imported("n\(k)-\(i)", s2[(i + k) % 4], t2[i % 4], c2[i % 4], quad: (i + k) % 4 + 1, goldstein: g, day: day))
            }
            let extra: [StoredEvent] = k == 0 ? [undated] : []
            let counts = try await store.importBatch(batch(rows + extra))
            #expect(counts.stored == rows.count + extra.count)
        }
        // Changes during the bulk import, below and above the watermark.
        try await store.writer.write { db in
            try db.execute(sql: "DELETE FROM event WHERE externalID IN ('b3', 'n0-7')")
            try db.execute(sql: "UPDATE event SET quad = 4, goldstein = -9 WHERE externalID IN ('b5', 'n1-9')")
            try db.execute(sql: "UPDATE event SET sourceCode = 'GBR' WHERE externalID IN ('b6', 'n2-2')")
        }
        try await store.endBulkImport()
        #expect(try store.rollupDiscrepancies() == 0)
        #expect(try await store.eventCount(EventQuery()) == 40 + 150 + 1 - 2)
        // Upkeep is back: a plain import after it still keeps them exact.
        _ = try await store.importEvents([imported("z", "USA", "CHN", "042", quad: 1, goldstein: 2, day: "2025-11-10")])
        #expect(try store.rollupDiscrepancies() == 0)
        let state = try await store.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bulk_import"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('dyad_day_on_insert', 'event_dyad_day', 'event_target_day')"))
        }
        #expect(state.0 == 0 && state.1 == 3)
    }

    /// The hash aggregation gives what the GROUP BY definition (`addRollupSQL`) gives, also when a rollup is merged in
    /// parts (a group cap of 3), into rollups that already hold rows, with NULL codes and codes whose first three
    /// characters are not three bytes. Goldstein values are integers here so partial sums are exact.
    @Test(arguments: [3, 1 << 10]) func hashAggregationEqualsGroupBy(cap: Int) async throws {
        let sources: [String?] = ["IRNGOV", "USA", nil, "ÉTAGOV", "É", "CHN", "USAMIL"]
        let targets: [String?] = ["USA", nil, "IRNMIL", "ÉTA", "RUSGOV", "USA", "CHN"]
        var rows: [StoredEvent] = []
        for i in 0..<120 {
            let day = "2025-11-\(10 + i % 6)"
            rows.append(imported("h\(i)", sources[i % 7], targets[(i / 2) % 7], "042", quad: i % 4 + 1,
                                 goldstein: Double(i % 11) - 5, day: day))
        }
        var expected: [[DatabaseValue]] = []
        var actual: [[DatabaseValue]] = []
        for useAggregator in [false, true] {
            let store = try SQLiteStore.inMemory()
            _ = try await store.importEvents(Array(rows.prefix(30)))
            try await store.beginBulkImport()
            _ = try await store.importBatch(batch(Array(rows.dropFirst(30))))
            let out = try await store.writer.write { db in
                let since = try Int64.fetchOne(db, sql: "SELECT MIN(since) FROM bulk_import")!
                if useAggregator {
                    try RollupAggregator.addEvents(above: since, db, groupCap: cap)
                } else {
                    for sql in SQLiteStore.addRollupSQL { try db.execute(sql: sql, arguments: [since]) }
                }
                return try ["dyad_day", "dyad_country_day"].flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3, 4").map { Array($0.databaseValues) }
                }
            }
            if useAggregator { actual = out } else { expected = out }
        }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
    }

    /// A bulk import interrupted (the process died before `endBulkImport`) is completed when the store is next opened.
    @Test func interruptedBulkImportIsRestoredOnOpen() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.importEvents([imported("1", "USA", "CHN", "042", quad: 1, goldstein: 2, day: "2025-11-10")])
            try await store.beginBulkImport()
            _ = try await store.importBatch(batch([imported("2", "USA", "CHN", "042", quad: 1, goldstein: 2, day: "2025-11-10"),
                                                  imported("3", "CHN", "USA", "190", quad: 4, goldstein: -10, day: "2025-11-11")]))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.rollupDiscrepancies() == 0)
        #expect(try reopened.dyadDays("USA", "CHN").map(\.events) == [2, 1])
        // And importing again is a no-op (restartable).
        #expect(try await reopened.importBatch(batch([imported("2", "USA", "CHN", "042", quad: 1, goldstein: 2, day: "2025-11-10")]))
                == ImportCounts(stored: 0, duplicates: 1))
    }

    /// The dyad listing (merge of per-pair index ranges) returns what the plain query returns.
    @Test func dyadListingMatchesThePlainQuery() async throws {
        let store = try SQLiteStore.inMemory()
        let codes = ["USA", "USAGOV", "USAMIL", "CHN", "CHNGOV", "IRN", "ISR", "US", "USAX"]
        var events: [StoredEvent] = []
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for i in 0..<600 {
            let s = next(10), t = next(10)
            var e = imported("\(i)", s == 9 ? nil : codes[s], t == 9 ? nil : codes[t], ["042", "111", "190", "036"][next(4)],
                             quad: next(4) + 1, goldstein: 1, day: "2025-11-\(10 + next(9))")
            if i % 50 == 0 { e.eventDay = nil }
            events.append(e)
        }
        _ = try await store.importEvents(events)
        let plain = try SQLiteStore.inMemory()
        _ = try await plain.importEvents(events)
        try await plain.writer.write { db in try db.execute(sql: "DROP INDEX event_dyad_day") }  // forces the plain query
        for (a, b) in [("USA", "CHN"), ("US", "CHN"), ("USA", "USA"), ("IRN", "ISR"), ("CHNGOV", "USAMIL"), ("FRA", "USA"), ("U", "")] {
            for directed in [false, true] {
                for (limit, offset) in [(nil, nil), (5, nil), (7, 3), (1000, 20)] as [(Int?, Int?)] {
                    for code in [nil, "1"] as [String?] {
                        var q = EventQuery(dyad: a, b)
                        q.directed = directed
                        q.limit = limit
                        q.offset = offset
                        q.code = code
                        if code != nil { q.since = Timestamp.parse("2025-11-12") }
                        let got = try await store.events(q).map(\.id)
                        let want = try await plain.events(q).map(\.id)
                        #expect(got == want, "\(a)-\(b) directed \(directed) limit \(String(describing: limit)) offset \(String(describing: offset)) code \(String(describing: code))")
                    }
                }
            }
        }
        var q = EventQuery(dyad: "USA", "CHN")
        q.limit = 10
        #expect(try store.eventsQueryPlan(q).first?.hasPrefix("merge of") == true)
    }
}
