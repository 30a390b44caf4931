import Foundation
import ParleyModel
import Testing
@testable import ParleyCoding

/// The fast JSON line writer must give exactly the bytes `JSONSerialization` gives (the annotate schema is a public
/// contract), over random objects of the shapes Parley writes.
@Suite struct JSONLineWriterTests {
    static let keys = ["text", "span", "sourceURL", "sources", "source", "Span", "cameo", "a", "B", "b", "quad", "zeta",
                       "speakerSpan", "speaker", "url", "URLs", "id", "ID2", "under_score", "plover"]
    static let pieces = ["Iran", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}", "é", "“", "—",
                         "\u{2028}", "😇", " ", "0", "", "a/b", "</script>"]

    static func value(_ rng: inout SplitMix64, depth: Int) -> Any {
        switch rng.next() % (depth > 2 ? 6 : 8) {
        case 0: return NSNull()
        case 1: return rng.next() % 2 == 0
        case 2: return Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 64)
        case 3:
            let choices: [Double] = [0, -0.0, 1, -5, 2.5, 0.1, 1.0 / 3, 1e20, 1e-7, 123456789.125, -7.2, 1e16, 5e-324]
            return rng.next() % 3 == 0 ? Double(Int64(truncatingIfNeeded: rng.next()) % 100_000) / 10 : choices[Int(rng.next() % UInt64(choices.count))]
        case 4, 5:
            var s = ""
            for _ in 0..<(rng.next() % 5) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            return s
        case 6: return (0..<Int(rng.next() % 4)).map { _ in value(&rng, depth: depth + 1) }
        default: return object(&rng, depth: depth + 1)
        }
    }

    static func object(_ rng: inout SplitMix64, depth: Int) -> [String: Any] {
        var o: [String: Any] = [:]
        for _ in 0..<(rng.next() % 7) { o[keys[Int(rng.next() % UInt64(keys.count))]] = value(&rng, depth: depth) }
        return o
    }

    @Test func sameBytesAsJSONSerialization() throws {
        var rng = SplitMix64(seed: 42)
        var fast = 0
        for _ in 0..<3000 {
            let o = Self.object(&rng, depth: 0)
            let expected = try AnnotationJSON.foundationLine(o)
            #expect(try AnnotationJSON.line(o) == expected)
            if JSONLineWriter.line(o) != nil { fast += 1 }
        }
        #expect(fast > 1000, "most objects take the fast path")
    }

    @Test func storedEventLinesTakeTheFastPath() throws {
        let e = StoredEvent(event: Event(sentence: 2, source: EventActor(code: "IRNGOV", text: "Araghchi", span: Span(0, 8)),
                                         target: EventActor(code: "USA", text: "the “United States”", span: nil),
                                         cameo: "125", goldstein: -5, quad: 3),
                            origin: .coded, documentID: "d1", sentenceSpan: Span(0, 40), sentenceText: "Araghchi said \"no\"\n/x",
                            published: Timestamp.parse("2025-11-12T21:48:07Z"), ingested: Date(timeIntervalSince1970: 0),
                            eventDay: Timestamp.parse("2025-11-09"), sourceURL: "https://example.org/a/b", tone: -1.25)
        let o = AnnotationJSON.storedEventObject(e, offsets: nil)
        #expect(JSONLineWriter.line(o) != nil)
        #expect(try AnnotationJSON.line(o) == AnnotationJSON.foundationLine(o))
    }
}
