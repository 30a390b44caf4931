import Foundation
import ParleyModel
import ParleyStore
import Testing
import ZIPFoundation
@testable import ParleyInterop

/// A GDELT row with the given columns set (0-based), others blank.
func gdeltRow(_ count: Int, _ set: [Int: String]) -> String {
    var f = [String](repeating: "", count: count)
    for (k, v) in set { f[k] = v }
    return f.joined(separator: "\t")
}

/// A 2.0 row (61 columns).
func v2(id: String = "1001", date: String = "20251109", a1: String = "IRNGOV", a1n: String = "IRAN", a2: String = "USA",
        a2n: String = "UNITED STATES", code: String = "125", quad: String = "3", goldstein: String = "-5.0",
        counts: (String, String, String) = ("6", "2", "6"), tone: String = "-3.25", added: String = "20251110123456",
        url: String = "https://example.org/a", place: String = "Geneva, Switzerland", placeCountry: String = "SZ") -> String {
    gdeltRow(61, [0: id, 1: date, 2: String(date.prefix(6)), 3: String(date.prefix(4)), 5: a1, 6: a1n, 15: a2, 16: a2n,
                  26: code, 27: String(code.prefix(3)), 28: String(code.prefix(2)), 29: quad, 30: goldstein, 31: counts.0,
                  32: counts.1, 33: counts.2, 34: tone, 52: place, 53: placeCountry, 59: added, 60: url])
}

/// A 1.0 row: 58 columns (daily, with SOURCEURL) or 57 (backfile).
func v1(_ count: Int, id: String = "2001", date: String = "20160721", code: String = "172", added: String = "20160728") -> String {
    var set: [Int: String] = [0: id, 1: date, 5: "CAN", 6: "VANCOUVER", 15: "USA", 16: "WASHINGTON", 26: code, 29: "4",
                              30: "-5.0", 31: "12", 32: "2", 33: "12", 34: "-3.5", 50: "Vancouver, Canada", 51: "CA", 56: added]
    if count == 58 { set[57] = "http://example.com/1" }
    return gdeltRow(count, set)
}

func parse(_ line: String) -> Result<StoredEvent, GDELTRowParser.RowError> {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBufferPointer { GDELTRowParser(ingested: Date(timeIntervalSince1970: 0)).parse($0) }
}

func tempFile(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

@Suite struct GDELTRowTests {
    @Test func readsA20Row() throws {
        let e = try parse(v2()).get()
        #expect(e.origin == .gdelt)
        #expect(e.externalID == "1001")
        #expect(e.event.source == EventActor(code: "IRNGOV", text: "IRAN", span: nil))
        #expect(e.event.target?.code == "USA")
        #expect(e.event.cameo == "125" && e.event.quad == 3 && e.event.goldstein == -5)
        #expect(e.mentions == 6 && e.sources == 2 && e.articles == 6 && e.tone == -3.25)
        #expect(e.event.date == "2025-11-09")
        #expect(e.eventDay == Timestamp.parse("2025-11-09"))
        #expect(e.published == Timestamp.parse("2025-11-10T12:34:56Z"))
        #expect(e.sourceURL == "https://example.org/a")
        #expect(e.event.location?.text == "Geneva, Switzerland" && e.event.location?.country == "SZ")
        #expect(e.documentID == nil && e.sentenceText == nil)
    }

    @Test(arguments: [57, 58])
    func readsA10Row(columns: Int) throws {
        let e = try parse(v1(columns)).get()
        #expect(e.event.cameo == "172" && e.event.quad == 4)
        #expect(e.published == Timestamp.parse("2016-07-28"))
        #expect(e.sourceURL == (columns == 58 ? "http://example.com/1" : nil))
        #expect(e.event.location?.text == "Vancouver, Canada")
        #expect(e.event.source?.code == "CAN" && e.event.target?.text == "WASHINGTON")
    }

    @Test func blankActorsAndToneAndCRLF() throws {
        let e = try parse(v2(a1: "", a1n: "", a2: "", a2n: "", tone: "") + "\r").get()
        #expect(e.event.source == nil && e.event.target == nil && e.tone == nil)
        #expect(e.sourceURL == "https://example.org/a")
    }

    @Test(arguments: [
        (v2(id: "12a"), "GLOBALEVENTID"),
        (v2(date: "20250230"), "SQLDATE"),
        (v2(date: "2025119"), "SQLDATE"),
        (v2(code: "1a5"), "EventCode"),
        (v2(code: "12345"), "EventCode"),
        (v2(code: "215"), "root"),
        (v2(quad: "5"), "QuadClass"),
        (v2(quad: ""), "QuadClass"),
        (v2(goldstein: "x"), "GoldsteinScale"),
        (v2(goldstein: "11"), "GoldsteinScale"),
        (v2(counts: ("-1", "1", "1")), "NumMentions"),
        (v2(counts: ("1", "", "1")), "NumSources"),
        (v2(tone: "1.2.3"), "AvgTone"),
        (v2(added: "2025111012"), "DATEADDED"),
        (v2(added: "20251110250000"), "DATEADDED"),
        (gdeltRow(60, [0: "1"]), "60 columns"),
        ("just some text", "1 columns"),
    ])
    func rejectsBadRows(line: String, mention: String) {
        switch parse(line) {
        case .success: Issue.record("accepted a bad row (\(mention))")
        case .failure(let e): #expect(e.reason.contains(mention), "\(e.reason)")
        }
    }

    @Test func header() {
        let h = Array("GLOBALEVENTID\tSQLDATE\tMonthYear".utf8)
        #expect(h.withUnsafeBufferPointer { GDELTRowParser.isHeader($0) })
        let r = Array(v2().utf8)
        #expect(!r.withUnsafeBufferPointer { GDELTRowParser.isHeader($0) })
    }
}

@Suite struct LineSplitterTests {
    @Test func splitsAcrossChunksAndReportsLongLines() {
        var s = LineSplitter(maxLine: 8)
        var got: [String] = []
        let text = Array("ab\ncdefgh\n0123456789abc\nxy\nlast".utf8)
        for chunkSize in [1, 3, 100] {
            got = []
            s = LineSplitter(maxLine: 8)
            var i = 0
            while i < text.count {
                let piece = Array(text[i..<min(text.count, i + chunkSize)])
                piece.withUnsafeBytes { raw in
                    s.feed(raw) { n, line in
                        switch line {
                        case .bytes(let b): got.append("\(n):\(String(decoding: b, as: UTF8.self))")
                        case .tooLong: got.append("\(n):LONG")
                        }
                    }
                }
                i += chunkSize
            }
            s.finish { n, line in
                if case .bytes(let b) = line { got.append("\(n):\(String(decoding: b, as: UTF8.self))") }
            }
            #expect(got == ["1:ab", "2:cdefgh", "3:LONG", "4:xy", "5:last"], "chunk \(chunkSize)")
        }
    }
}

@Suite struct GDELTImportTests {
    @Test func importsGoodRowsReportsBadOnesAndDedupes() async throws {
        let lines = [
            "GLOBALEVENTID\tSQLDATE",
            v2(id: "1"),
            v2(id: "2", date: "2025-11-09"),
            v1(58, id: "3"),
            "",
            v1(57, id: "4"),
            v2(id: "5", quad: "9"),
            v2(id: "1"),  // repeated in the same file
        ]
        let path = try tempFile("events.CSV", lines.joined(separator: "\n") + "\n")
        let store = try SQLiteStore.inMemory()
        var importer = GDELTImporter(store: store)
        importer.batchSize = 2
        let s = try await importer.importFiles([path, path + ".missing"])
        #expect(s.stored == 3)
        #expect(s.duplicates == 1)
        #expect(s.failed == 3)
        #expect(s.errors.map(\.line) == [3, 7, nil])
        #expect(s.errors[0].file == path && s.errors[0].reason.contains("SQLDATE"))
        #expect(s.errors[2].file == path + ".missing")
        #expect(try await store.eventCount(EventQuery()) == 3)
        let again = try await GDELTImporter(store: store).importFiles([path])
        #expect(again.stored == 0 && again.duplicates == 4 && again.failed == 2)
        #expect(try await store.eventCount(EventQuery()) == 3)
    }

    @Test func importsZippedFiles() async throws {
        let text = [v2(id: "10"), v2(id: "11", a1: "CHN"), "bad"].joined(separator: "\n")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let zipURL = dir.appendingPathComponent("20251110.export.CSV.zip")
        let archive = try Archive(url: zipURL, accessMode: .create)
        let data = Data(text.utf8)
        try archive.addEntry(with: "20251110.export.CSV", type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        let store = try SQLiteStore.inMemory()
        let s = try await GDELTImporter(store: store).importFiles([zipURL.path])
        #expect(s.stored == 2 && s.failed == 1)
        #expect(s.errors.first?.file == zipURL.path + "!20251110.export.CSV")
        #expect(s.errors.first?.line == 3)
        var q = EventQuery()
        q.actor = "CHN"
        #expect(try await store.events(q).map(\.externalID) == ["11"])
    }

    /// Export as GDELT 2.0, import the export into a fresh store: the same events.
    @Test func gdeltRoundTrip() async throws {
        let lines = [
            v2(id: "1"), v2(id: "2", a2: "", a2n: "", code: "0874", quad: "2", goldstein: "10.0", tone: "0.123456789012345"),
            v1(58, id: "3"), v1(57, id: "4", code: "010"), v2(id: "5", url: "", place: ""),
        ]
        let first = try SQLiteStore.inMemory()
        _ = try await GDELTImporter(store: first).importFiles([try tempFile("in.csv", lines.joined(separator: "\n"))])
        let events = try await first.events(EventQuery())
        #expect(events.count == 5)
        let exported = events.map(GDELTWriter.row)
        #expect(exported.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 61 })
        let second = try SQLiteStore.inMemory()
        let s = try await GDELTImporter(store: second).importFiles([try tempFile("out.csv", exported.joined(separator: "\n"))])
        #expect(s.stored == 5 && s.failed == 0)
        let back = try await second.events(EventQuery())
        func normal(_ e: StoredEvent) -> StoredEvent {
            var e = e
            e.id = nil
            e.ingested = Date(timeIntervalSince1970: 0)
            return e
        }
        #expect(back.map(normal) == events.map(normal))
        // The derived columns are valid GDELT.
        let row = try #require(exported.first { $0.hasPrefix("2\t") })
        let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(f[1] == "20251109" && f[2] == "202511" && f[3] == "2025")
        #expect(f[7] == "IRN" && f[12] == "GOV")
        #expect(f[26] == "0874" && f[27] == "087" && f[28] == "08" && f[29] == "2")
        #expect(f[59] == "20251110123456")
    }

    /// A coded event with a root code alone exports GDELT's three-digit unspecified code.
    @Test func rootCodeExportsItsUnspecifiedCode() {
        let e = StoredEvent(event: Event(sentence: 0, source: EventActor(code: "PAKREB", text: "militants", span: nil), target: nil,
                                         cameo: "18", goldstein: -9, quad: 4),
                            origin: .coded, documentID: "d", published: Timestamp.parse("2025-03-12"), ingested: Date(),
                            eventDay: Timestamp.parse("2025-03-12"))
        let f = GDELTWriter.row(e).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(f[26] == "180" && f[27] == "180" && f[28] == "18", "\(f[26...28])")
    }
}

@Suite struct ExportFormatTests {
    @Test(arguments: [
        ("010", nil), ("020", nil), ("036", "AGREE"), ("042", "CONSULT"), ("051", "SUPPORT"), ("061", "COOPERATE"),
        ("071", "AID"), ("081", "CONCEDE"), ("0841", "RETREAT"), ("087", "RETREAT"), ("090", "ACCUSE"), ("100", "REQUEST"),
        ("111", "ACCUSE"), ("125", "REJECT"), ("130", "THREATEN"), ("141", "PROTEST"), ("150", "MOBILIZE"),
        ("163", "SANCTION"), ("172", "COERCE"), ("180", "ASSAULT"), ("190", "ASSAULT"), ("200", "ASSAULT"),
    ] as [(String, String?)])
    func ploverCategory(cameo: String, plover: String?) {
        #expect(PloverWriter.category(cameo: cameo)?.event == plover)
    }

    @Test func ploverRecord() throws {
        var e = try parse(v2(code: "200", quad: "4", goldstein: "-10.0")).get()
        e.id = 7
        let json = try #require(try PloverWriter.record(e))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["id"] as? String == "GDELT-1001")
        #expect(obj["date"] as? String == "2025-11-09")
        #expect(obj["event"] as? [String] == ["ASSAULT"])
        #expect(obj["mode"] as? [String] == ["unconventional"])
        #expect(obj["quad_code"] as? Int == 4)
        let actor = try #require((obj["actor"] as? [[String: Any]])?.first)
        #expect(actor["code"] as? String == "IRN" && actor["sector"] as? String == "GOV")
        #expect((obj["recipient"] as? [[String: Any]])?.first?["code"] as? String == "USA")
        #expect((obj["cite_info"] as? [String: Any])?["url"] as? String == "https://example.org/a")
        e.event.cameo = "010"
        #expect(try PloverWriter.record(e) == nil)
    }

    @Test func csvQuotesAndHeader() throws {
        var e = try parse(v2(a1n: "IRAN, \"ISLAMIC REPUBLIC\"")).get()
        e.id = 3
        let row = CSVWriter.row(e)
        #expect(row.contains("\"IRAN, \"\"ISLAMIC REPUBLIC\"\"\""))
        #expect(CSVWriter.header.split(separator: ",").count == CSVWriter.columns.count)
        #expect(row.hasPrefix("3,gdelt,1001,2025-11-09,"))
    }

    @Test func jsonlHasEveryField() throws {
        let e = try parse(v2()).get()
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(try JSONLWriter.record(e).utf8)) as? [String: Any])
        #expect(obj["cameo"] as? String == "125")
        #expect(obj["externalID"] as? String == "1001")
        #expect(obj["eventDay"] as? String == "2025-11-09")
    }

    @Test func actorCodeSplit() {
        #expect(GDELTWriter.split("IRNGOVMIL") == ("IRN", ["GOV", "MIL"]))
        #expect(GDELTWriter.split("GOV") == (nil, ["GOV"]))
        #expect(GDELTWriter.split("IGOUNO") == (nil, ["IGO"]))
        #expect(GDELTWriter.split("US") == (nil, []))
    }
}
