import Foundation
import GRDB
import ParleyModel
import Testing
@testable import ParleyInterop
@testable import ParleyStore

@Suite struct GDELTBulkImportTests {
    /// Bulk mode with small batches: bad rows reported by line with the good rows kept, dedupe within the file and
    /// across batches and imports, and the rollups equal to the GROUP BY over the events afterwards.
    @Test func bulkImportKeepsSemantics() async throws {
        var lines: [String] = []
        for i in 0..<60 {
            let a = ["IRNGOV", "USA", "CHN", "RUS"][i % 4], b = ["USA", "IRN", "", "CHNMIL"][i % 3]
            lines.append(v2(id: "\(100 + i)", date: "202511\(10 + i % 9)", a1: a, a2: b, a2n: b.isEmpty ? "" : "X",
                            code: ["042", "111", "190"][i % 3], quad: "\(i % 4 + 1)", goldstein: "\(Double(i % 11) - 5)"))
        }
        lines.insert(v2(id: "x1"), at: 10)        // line 11: bad id
        lines.insert(v2(id: "105"), at: 30)       // line 31: repeats an id of an earlier batch
        lines.insert(v2(id: "999", quad: "7"), at: 45)  // line 46: bad QuadClass
        let path = try tempFile("bulk.CSV", lines.joined(separator: "\n") + "\n")
        let store = try SQLiteStore.inMemory()
        var importer = GDELTImporter(store: store)
        importer.batchSize = 7
        importer.bulk = true
        let s = try await importer.importFiles([path])
        #expect(s.rows == 63 && s.stored == 60 && s.duplicates == 1 && s.failed == 2)
        #expect(s.errors.map(\.line) == [11, 46])
        #expect(s.errors[0].reason.contains("GLOBALEVENTID") && s.errors[1].reason.contains("QuadClass"))
        importer.batchSize = 5
        let again = try await importer.importFiles([path])
        #expect(again.stored == 0 && again.duplicates == 61 && again.failed == 2)
        #expect(try await store.eventCount(EventQuery()) == 60)
        #expect(try store.rollupDiscrepancies() == 0)
        // The imported events read back as the parser made them.
        let q = EventQuery(dyad: "IRN", "USA")
        let listed = try await store.events(q)
        #expect(!listed.isEmpty)
        #expect(listed.allSatisfy { e in
            let ab = (e.event.source?.code.hasPrefix("IRN") == true && e.event.target?.code.hasPrefix("USA") == true)
            let ba = (e.event.source?.code.hasPrefix("USA") == true && e.event.target?.code.hasPrefix("IRN") == true)
            return ab || ba
        })
        #expect(listed.map(\.eventDay) == listed.map(\.eventDay).sorted { ($0 ?? .distantPast) < ($1 ?? .distantPast) })
    }
}
