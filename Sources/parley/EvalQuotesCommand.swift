import ArgumentParser
import Foundation
import ParleyEval
import ParleyModel
import ParleyText

/// `parley eval quotes`: direct-quote speaker matching (and content and indirect-speech figures)
/// against the PolNeAR attribution corpus.
struct EvalQuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Score the quotation finder against PolNeAR attributions (direct quotes: speaker P/R/F1)."
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "PolNeAR split under eval/polnear: dev or train.")
    var split: String = "dev"

    @Option(help: "Print this many sampled misses and false alarms.")
    var errors: Int = 0

    @Option(help: "Print the quotes found in the articles whose name contains this text, then stop.")
    var show: String?

    func run() async throws {
        let dir = shared.url.appendingPathComponent("eval/polnear").appendingPathComponent(split)
        let articles = try QuoteEval.load(split: dir)
        if let show {
            for a in articles where a.name.contains(show) {
                var doc = Document(id: a.name, text: a.text)
                try QuoteFinder().process(&doc)
                print("== \(a.name)")
                for q in doc.quotes {
                    let content = doc.text(q.content).replacingOccurrences(of: "\n", with: " ")
                    print("\(q.direct ? "D" : "I") [\(q.speaker.map { doc.text($0) } ?? "-")] (\(q.speakerText ?? "-")) <\(q.cue.map { doc.text($0) } ?? "-")> \(content.prefix(100))")
                }
            }
            return
        }
        let r = QuoteEval.evaluate(articles, errors: errors)
        for e in r.errors { print(e) }
        print("PolNeAR \(split): \(r.articles) articles")
        print("direct quotes, speaker:  \(r.directSpeaker)")
        print("direct quotes, content:  \(r.directContent)  (\(r.unattributed) predicted without speaker)")
        print("indirect speech, speaker: \(r.indirectSpeaker)")
        let mb = Double(r.bytes) / 1_000_000
        print(String(format: "time %.3f s for %.2f MB, %d sentences (%.1f MB/s, %.0f sentences/s)", r.seconds, mb, r.sentences,
                     r.seconds > 0 ? mb / r.seconds : 0, r.seconds > 0 ? Double(r.sentences) / r.seconds : 0))
    }
}
