import ArgumentParser
import Foundation
import ParleyEval
import ParleyText

/// `parley eval tokens`: token and sentence-boundary F1 of the tokenizer on UD English EWT from raw text.
struct EvalTokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Score tokenization and sentence splitting on UD English EWT rebuilt as raw text."
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "Which EWT split(s) to score: test, dev, train, or a comma-separated list.")
    var split: String = "test,dev"

    @Option(help: "Print up to this many token and boundary errors per split.")
    var errors: Int = 0

    @Flag(help: "Join all sentences of a document with spaces (no paragraph line breaks).")
    var noParagraphs = false

    @Option(help: "Timing rounds (the fastest is reported).")
    var rounds: Int = 5

    @Option(help: "Instead of scoring, print the sentences and tokens of this text file (one sentence a line, tokens split by │).")
    var show: String?

    func run() throws {
        if let show {
            let text = try String(contentsOfFile: show, encoding: .utf8)
            let (tokens, sentences) = Tokenizer.segment(text)
            for s in sentences {
                print(tokens[s.tokens].map(\.form).joined(separator: "│"))
            }
            return
        }
        print(noParagraphs
              ? "Text: one text per # newdoc; all sentences joined by a space."
              : "Text: one text per # newdoc; sentences of a paragraph joined by a space, paragraphs by a newline.")
        for name in split.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let url = shared.url.appendingPathComponent("data/ud-english-ewt/en_ewt-ud-\(name).conllu")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("no such file: \(url.path)")
            }
            let docs = try TokenizationEval.loadDocuments(conllu: url, paragraphBreaks: !noParagraphs)
            let r = TokenizationEval.evaluate(docs, errorExamples: errors, timingRounds: rounds)
            print("EWT \(name): \(r.documents) documents, \(r.goldSentences) sentences, \(r.bytes) bytes")
            print("  tokens     \(r.tokens)")
            print("  boundaries \(r.boundaries)")
            print(String(format: "  speed      %.0f sentences/s, %.1f MB/s (tokens with forms, sentences; best of %d)",
                         r.sentencesPerSecond, r.megabytesPerSecond, rounds))
            for e in r.errors { print("    " + e) }
        }
    }
}
