import Foundation
import ParleyModel
import ParleyStore
import Testing
@testable import ParleyIngest

@Suite struct IngestorTests {
    @Test func mixedDirectoryStoresGoodAndReportsBad() async throws {
        let s = try Scratch()
        try s.write("one.txt", "Headline one\nAs of November 12, 2025, text one.")
        try s.write("two.jsonl", "{\"id\": \"j1\", \"text\": \"J one\"}\n{broken\n{\"id\": \"j2\", \"text\": \"J two\"}\n")
        try s.write("three.html", "<html><body><p>HTML story.</p></body></html>")
        try s.write("four.bin", [0, 1, 2, 3])
        let store = try SQLiteStore.inMemory()
        var config = Ingestor.Configuration()
        config.batchSize = 2
        let summary = try await Ingestor(store: store, configuration: config).ingest(paths: [s.url.path])
        #expect(summary.stored == 4)
        #expect(summary.failed == 2)
        #expect(Set(summary.errors.map { URL(fileURLWithPath: $0.file).lastPathComponent }) == ["two.jsonl", "four.bin"])
        #expect(summary.errors.first { $0.file.hasSuffix("two.jsonl") }?.line == 2)
        #expect(try await store.documentCount() == 4)
        let j1 = try #require(try await store.document(id: "j1"))
        #expect(j1.text == "J one")

        let again = try await Ingestor(store: store, configuration: config).ingest(paths: [s.url.path])
        #expect(again.stored == 0 && again.duplicates == 4 && again.failed == 2)
    }

    @Test func idsFromHashWhenInputHasNone() async throws {
        let store = try SQLiteStore.inMemory()
        let summary = try await Ingestor(store: store).ingest(items: [IngestedItem(text: "Some text.", file: "x")])
        #expect(summary.storedIDs == [String(ContentHash.of("Some text.").prefix(16))])
    }
}
