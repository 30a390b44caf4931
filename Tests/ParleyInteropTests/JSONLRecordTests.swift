import Foundation
import ParleyModel
import Testing
@testable import ParleyInterop

/// Export's JSON lines, written directly, are the bytes `JSONEncoder` writes for the `Record` layout.
@Suite struct JSONLRecordTests {
    @Test func directLinesEqualTheEncoder() throws {
        var rng = SplitMix64(seed: 11)
        func maybe<T>(_ v: T) -> T? { rng.next() % 3 == 0 ? nil : v }
        let texts = ["Iran", "the “United States”", "a/b \"quoted\" \\ back", "line\nbreak\ttab", "é😇\u{1}", ""]
        func text() -> String { texts[Int(rng.next() % UInt64(texts.count))] }
        var fast = 0
        for i in 0..<2000 {
            let source = maybe(EventActor(code: "IRNGOV", text: text(), span: maybe(Span(3, 9))))
            let target = maybe(EventActor(code: "USA", text: text(), span: maybe(Span(0, 2))))
            let plover = maybe(PloverCode(event: "reject", mode: maybe("refuse"), context: rng.next() % 2 == 0 ? [] : ["diplomatic", "nuclear"]))
            let location = maybe(EventLocation(text: text(), span: Span(1, 4), country: maybe("CHE")))
            let goldsteins: [Double] = [-5, 0, -0.0, 2.5, 10, -7.2, 0.1, 1e20]
            let e = Event(sentence: Int(rng.next() % 40), trigger: maybe(Span(2, 5)), triggerText: maybe(text()), source: source,
                          target: target, cameo: ["125", "0874", "190", "010"][i % 4], goldstein: goldsteins[i % goldsteins.count],
                          quad: i % 4 + 1, plover: plover, negated: rng.next() % 2 == 0,
                          modality: rng.next() % 2 == 0 ? .asserted : .hypothetical, date: maybe("2025-11-09"),
                          quote: maybe(2), location: location)
            let s = StoredEvent(id: maybe(Int64(i)), event: e, origin: rng.next() % 2 == 0 ? .coded : .gdelt,
                                documentID: maybe("doc\(i)"), sentenceSpan: maybe(Span(10, 80)), sentenceText: maybe(text()),
                                published: maybe(Date(timeIntervalSince1970: Double(rng.next() % 2_000_000_000))),
                                ingested: Date(timeIntervalSince1970: Double(rng.next() % 2_000_000_000) + 0.5),
                                eventDay: maybe(Date(timeIntervalSince1970: Double(rng.next() % 20_000) * 86_400)),
                                sourceURL: maybe("https://example.org/a/\(i)"), externalID: maybe(String(i)),
                                mentions: Int(rng.next() % 9) + 1, sources: 1, articles: 2, tone: maybe(-1.25))
            #expect(try JSONLWriter.record(s) == JSONLWriter.encodedRecord(s))
            if JSONLineWriter.line(JSONLWriter.object(s), keys: .bytes) != nil { fast += 1 }
        }
        #expect(fast == 2000, "every stored event takes the direct path")
    }
}
