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

    @Option(help: "Print the quotes found in this text file, then stop.")
    var file: String?

    func printQuotes(_ document: Document) {
        var doc = document
        try? QuoteFinder().process(&doc)
        print("== \(doc.id)")
        for q in doc.quotes {
            let content = doc.text(q.content).replacingOccurrences(of: "\n", with: " ")
            let speaker = q.speaker.map { doc.text($0) } ?? "-"
            let cue = q.cue.map { doc.text($0) } ?? "-"
            print("\(q.direct ? "D" : "I") [\(speaker)] (\(q.speakerText ?? "-")) <\(cue)> \(content.prefix(100))")
        }
    }

    func run() async throws {
        let dir = shared.url.appendingPathComponent("eval/polnear").appendingPathComponent(split)
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            printQuotes(Document(id: file, text: text))
            return
        }
        let articles = try QuoteEval.load(split: dir)
        if let show {
            for a in articles where a.name.contains(show) {
                printQuotes(Document(id: a.name, text: a.text))
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
