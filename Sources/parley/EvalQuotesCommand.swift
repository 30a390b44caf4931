import ArgumentParser
import Foundation
import ParleyEval

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

    func run() async throws {
        let dir = shared.url.appendingPathComponent("eval/polnear").appendingPathComponent(split)
        let articles = try QuoteEval.load(split: dir)
        let r = QuoteEval.evaluate(articles, errors: errors)
        for e in r.errors { print(e) }
        print("PolNeAR \(split): \(r.articles) articles")
        print("direct quotes, speaker:  \(r.directSpeaker)")
        print("direct quotes, content:  \(r.directContent)  (\(r.unattributed) predicted without speaker)")
        print("indirect speech, speaker: \(r.indirectSpeaker)")
        let mb = Double(r.bytes) / 1_000_000
        print(String(format: "time %.3f s for %.2f MB (%.1f MB/s)", r.seconds, mb, r.seconds > 0 ? mb / r.seconds : 0))
    }
}
