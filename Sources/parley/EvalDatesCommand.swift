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

    @Option(help: "Only print errors of this kind: value, missed or spurious.")
    var kind: String?

    @Option(help: "Tag this text instead of scoring (prints each mention); use with --anchor.")
    var text: String?

    @Option(help: "Anchor time for --text (ISO 8601, default 2025-11-12T21:48:07Z).")
    var anchor: String = "2025-11-12T21:48:07Z"

    func run() async throws {
        if let text {
            for m in DateTagger.find(in: text, anchor: Timestamp.parse(anchor)) {
                print("\(m.span)\t\(m.text)\t\(m.value)\t\(m.type.rawValue)")
            }
            return
        }
        let root = shared.url.appendingPathComponent("eval/tempeval3/TBAQ-cleaned")
        let r = try DateEval.run(root: root)
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
