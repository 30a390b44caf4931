import Foundation
import ParleyModel
import Testing
@testable import ParleyStore

func doc(_ id: String, _ text: String, published: String? = nil, outlet: String? = nil, ingested: String = "2026-01-01T00:00:00Z") -> StoredDocument {
    StoredDocument(id: id, outlet: outlet, title: "T \(id)", keywords: ["k"], published: published.flatMap(Timestamp.parse),
                   ingested: Timestamp.parse(ingested)!, text: text, contentHash: ContentHash.of(text))
}

@Suite struct SQLiteStoreTests {
    @Test func storesOnceAndReportsDuplicates() async throws {
        let store = try SQLiteStore.inMemory()
        let first = try await store.insert([doc("a", "Alpha text."), doc("b", "Beta text.")])
        #expect(first == [.stored(id: "a"), .stored(id: "b")])
        let again = try await store.insert([doc("a2", "Alpha text."), doc("c", "Gamma text.")])
        #expect(again == [.duplicate(of: "a"), .stored(id: "c")])
        #expect(try await store.documentCount() == 3)
    }

    @Test func sameIdOtherTextKeepsBoth() async throws {
        let store = try SQLiteStore.inMemory()
        _ = try await store.insert([doc("x", "One text.")])
        let r = try await store.insert([doc("x", "Another text.")])
        guard case .stored(let id) = r[0] else { Issue.record("not stored"); return }
        #expect(id != "x" && id.hasPrefix("x~"))
        #expect(try await store.documentCount() == 2)
    }

    @Test func roundTripKeepsEveryField() async throws {
        let store = try SQLiteStore.inMemory()
        var d = doc("r", "Exact text\nwith “curly” quotes and é.", published: "2025-11-12T21:48:07Z", outlet: "voanews.com")
        d.url = "https://www.voanews.com/a/1.html"
        d.author = "A. Writer"
        d.section = "Middle East"
        d.keywords = ["Iran", "Nuclear"]
        _ = try await store.insert([d])
        let back = try #require(try await store.document(id: "r"))
        #expect(back == d)
    }

    @Test func queriesByTimeOutletAndKnowledge() async throws {
        let store = try SQLiteStore.inMemory()
        _ = try await store.insert([
            doc("old", "Old.", published: "2019-01-01T00:00:00Z", outlet: "voanews.com", ingested: "2026-01-01T00:00:00Z"),
            doc("mid", "Mid.", published: "2025-11-09T12:00:00Z", outlet: "tehrantimes.com", ingested: "2026-01-02T00:00:00Z"),
            doc("new", "New.", published: "2025-11-12T21:48:07Z", outlet: "voanews.com", ingested: "2026-01-03T00:00:00Z"),
            doc("undated", "Undated.", ingested: "2026-01-01T00:00:00Z"),
        ])
        let all = try await store.documents(DocumentQuery())
        #expect(all.map(\.id) == ["old", "mid", "new", "undated"])
        let since = try await store.documents(DocumentQuery(since: Timestamp.parse("2025-01-01")))
        #expect(since.map(\.id) == ["mid", "new"])
        let until = try await store.documents(DocumentQuery(until: Timestamp.parse("2025-11-12T21:48:06Z")))
        #expect(until.map(\.id) == ["old", "mid"])
        let voa = try await store.documents(DocumentQuery(outlet: "VOANews.com"))
        #expect(voa.map(\.id) == ["old", "new"])
        let known = try await store.documents(DocumentQuery(knownAt: Timestamp.parse("2026-01-02T00:00:00Z")))
        #expect(known.map(\.id) == ["old", "mid", "undated"])
    }

    @Test func fileStoreReopensWithData() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-store-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.insert([doc("a", "A.")])
        }
        let again = try SQLiteStore(path: path)
        #expect(try await again.documentCount() == 1)
        #expect(try again.integrityCheck() == "ok")
    }

    @Test func unopenablePathIsAClearError() throws {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/nonexistent-dir/x/y.sqlite") }
    }

    @Test func contentHashIsSHA256() {
        #expect(ContentHash.of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
