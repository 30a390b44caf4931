import ArgumentParser
import Foundation
import ParleyEval
import ParleyModel
import ParleyText

/// `parley eval dates`: the date tagger on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT).
struct EvalDatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dates",
        abstract: "Score the date tagger against TempEval-3 TimeML (TIMEX3 values, DCT as anchor)."
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "Print this many sample errors (value, missed, spurious).")
    var errors: Int = 0

    @Option(help: "Only print errors of this kind: value, missed, spurious (DATE) or spurious-time/-duration/-set.")
    var kind: String?

    @Option(help: "Tag this text instead of scoring (prints each mention); use with --anchor.")
    var text: String?

    @Option(help: "Anchor time for --text (ISO 8601, default 2025-11-12T21:48:07Z).")
    var anchor: String = "2025-11-12T21:48:07Z"

    @Flag(help: "Run the text engine (tokenizer, tagger, lemmatizer, parser) before the date tagger, so that tense comes from Penn tags.")
    var engine = false

    @Flag(help: "Measure throughput: tag every sentence of corpus/voa-dev.jsonl (split at sentence ends) 20 times.")
    var bench = false

    func run() async throws {
        if bench {
            let url = shared.url.appendingPathComponent("corpus/voa-dev.jsonl")
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            var docs: [(String, [Span], Date?)] = []
            for line in lines {
                guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let text = obj["text"] as? String else { continue }
                let published = (obj["published"] as? String).flatMap(Timestamp.parse)
                var spans: [Span] = []
                let u = Array(text.utf8)
                var start = 0
                for i in u.indices where (u[i] == 0x2E || u[i] == 0x0A) && (i + 1 == u.count || u[i + 1] == 0x20 || u[i + 1] == 0x0A) {
                    if i + 1 > start + 1 { spans.append(Span(start, i + 1)) }
                    start = i + 1
                }
                if start < u.count { spans.append(Span(start, u.count)) }
                docs.append((text, spans, published))
            }
            var count = 0, found = 0
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<20 {
                for (text, spans, published) in docs {
                    var doc = Document(id: "b", text: text, published: published)
                    doc.sentences = spans.map { Sentence(span: $0, tokens: 0..<0) }
                    try DateTagger().process(&doc)
                    count += spans.count
                    found += doc.dates.count
                }
            }
            let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            print(String(format: "%d sentences in %.3f s: %.0f sentences/s (%d mentions)", count, secs, Double(count) / secs, found))
            return
        }
        if let text {
            // With --engine, tense comes from the tagger's Penn tags, as at ingest.
            let mentions: [DateMention]
            if engine {
                var doc = Document(id: "text", text: text, published: Timestamp.parse(anchor))
                try Pipeline(try TextEngine.stages().filter { !($0 is QuoteFinder) }).run(&doc)
                mentions = doc.dates
            } else {
                mentions = DateTagger.find(in: text, anchor: Timestamp.parse(anchor))
            }
            for m in mentions {
                print("\(m.span)\t\(m.text)\t\(m.value)\t\(m.type.rawValue)")
            }
            return
        }
        let root = shared.url.appendingPathComponent("eval/tempeval3/TBAQ-cleaned")
        let before: [any TextStage] = engine
            ? try TextEngine.stages().filter { !($0 is DateTagger) && !($0 is QuoteFinder) } : []
        if engine { print("text engine first: " + before.map(\.name).joined(separator: ", ")) }
        let r = try DateEval.run(root: root, before: before)
        func block(_ title: String, _ res: DateEval.Result, _ files: Int?) {
            print("== \(title)\(files.map { " (\($0) documents)" } ?? "")")
            print("  DATE value      \(res.dateValue.line)")
            print("  DATE span       \(res.dateSpan.line)")
            print("  all-type value  \(res.allValue.line)")
            print("  all-type span   \(res.allSpan.line)")
            print(String(format: "  type agreement on overlapping pairs: %.3f", res.typeAgreement.precision))
        }
        for (name, res, files) in r.perCorpus { block(name, res, files) }
        block("ALL", r.total, nil)
        print(String(format: "tagger time %.3f s for ~%d sentences (%.0f sentences/s)", r.seconds, r.sentences,
                     Double(r.sentences) / max(r.seconds, 1e-9)))
        if errors > 0 {
            var shown = 0
            var counts: [String: Int] = [:]
            for e in r.errors { counts[e.kind, default: 0] += 1 }
            print("errors: " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for e in r.errors where kind == nil || e.kind == kind {
                print("[\(e.kind)] \(e.document): \"\(e.text)\" gold=\(e.gold) pred=\(e.predicted)\n    … \(e.context) …")
                shown += 1
                if shown >= errors { break }
            }
        }
    }
}
